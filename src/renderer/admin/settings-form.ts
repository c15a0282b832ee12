/**
 * The settings tab's form: the text in its fields, checked against the very schemas main uses (src/shared/settings.ts)
 * so the screen and the core can never disagree about what is allowed, with each problem said in the screen's
 * language next to its field. Only changed settings are sent.
 */
import { LANGUAGES, type KioskSettingsView, type Language } from '../../shared/domain';
import { settingsFields } from '../../shared/settings';
import type { Messages } from '../lib/i18n/messages-en';

export interface SettingsForm {
  kioskName: string;
  autoCloseAfterMinutes: string;
  signOutAfterSeconds: string;
  cleaningStepEnabled: boolean;
  helpTextEn: string;
  helpTextEs: string;
  phoneExtension: string;
  languages: Language[];
  defaultLanguage: Language;
}

export type SettingsFormField = keyof SettingsForm;

/** The settings this tab edits (other tabs or sections may own the rest). */
export type EditedSettings = Pick<
  KioskSettingsView,
  | 'kioskName'
  | 'autoCloseAfterMinutes'
  | 'signOutAfterSeconds'
  | 'cleaningStepEnabled'
  | 'helpText'
  | 'phoneExtension'
  | 'languages'
  | 'defaultLanguage'
>;

export const LIMITS = {
  kioskName: settingsFields.kioskName.maxLength ?? 60,
  helpText: settingsFields.helpText.shape.en.maxLength ?? 300,
  autoClose: {
    min: settingsFields.autoCloseAfterMinutes.minValue ?? 30,
    max: settingsFields.autoCloseAfterMinutes.maxValue ?? 1440,
  },
  signOut: {
    min: settingsFields.signOutAfterSeconds.minValue ?? 30,
    max: settingsFields.signOutAfterSeconds.maxValue ?? 1800,
  },
};

export function formFromSettings(settings: EditedSettings): SettingsForm {
  return {
    kioskName: settings.kioskName,
    autoCloseAfterMinutes: String(settings.autoCloseAfterMinutes),
    signOutAfterSeconds: String(settings.signOutAfterSeconds),
    cleaningStepEnabled: settings.cleaningStepEnabled,
    helpTextEn: settings.helpText.en,
    helpTextEs: settings.helpText.es,
    phoneExtension: settings.phoneExtension,
    languages: LANGUAGES.filter((language) => settings.languages.includes(language)),
    defaultLanguage: settings.defaultLanguage,
  };
}

export interface CheckedSettings {
  changes: Partial<EditedSettings>;
  errors: Partial<Record<SettingsFormField, string>>;
}

const wholeNumber = (text: string): number => (/^\s*\d{1,6}\s*$/.test(text) ? Number(text) : Number.NaN);

/** Checks every field and collects what differs from `saved`. With any error, nothing should be sent. */
export function checkSettings(form: SettingsForm, saved: EditedSettings, messages: Messages): CheckedSettings {
  const t = messages.admin.settings;
  const errors: CheckedSettings['errors'] = {};
  const next: Partial<EditedSettings> = {};

  const kioskName = settingsFields.kioskName.safeParse(form.kioskName);
  if (kioskName.success) next.kioskName = kioskName.data;
  else errors.kioskName = form.kioskName.trim() === '' ? t.required : t.tooLong(LIMITS.kioskName);

  const autoClose = settingsFields.autoCloseAfterMinutes.safeParse(wholeNumber(form.autoCloseAfterMinutes));
  if (autoClose.success) next.autoCloseAfterMinutes = autoClose.data;
  else errors.autoCloseAfterMinutes = t.wholeNumber(LIMITS.autoClose.min, LIMITS.autoClose.max);

  const signOut = settingsFields.signOutAfterSeconds.safeParse(wholeNumber(form.signOutAfterSeconds));
  if (signOut.success) next.signOutAfterSeconds = signOut.data;
  else errors.signOutAfterSeconds = t.wholeNumber(LIMITS.signOut.min, LIMITS.signOut.max);

  next.cleaningStepEnabled = form.cleaningStepEnabled;

  const helpEn = settingsFields.helpText.shape.en.safeParse(form.helpTextEn);
  const helpEs = settingsFields.helpText.shape.es.safeParse(form.helpTextEs);
  if (!helpEn.success) errors.helpTextEn = t.tooLong(LIMITS.helpText);
  if (!helpEs.success) errors.helpTextEs = t.tooLong(LIMITS.helpText);
  if (helpEn.success && helpEs.success) next.helpText = { en: helpEn.data, es: helpEs.data };

  const phone = settingsFields.phoneExtension.safeParse(form.phoneExtension);
  if (phone.success) next.phoneExtension = phone.data;
  else errors.phoneExtension = t.phoneInvalid;

  const languages = settingsFields.languages.safeParse(form.languages);
  if (!languages.success) errors.languages = t.needLanguage;
  else if (!languages.data.includes(form.defaultLanguage)) errors.defaultLanguage = t.defaultNotOffered;
  else {
    next.languages = languages.data;
    next.defaultLanguage = form.defaultLanguage;
  }

  const changes: Partial<EditedSettings> = {};
  // The order languages are listed in is not a change: the same set is the same setting.
  const comparable = (key: keyof EditedSettings, value: unknown) =>
    JSON.stringify(key === 'languages' ? [...(value as Language[])].sort() : value);
  for (const key of Object.keys(next) as (keyof EditedSettings)[]) {
    if (comparable(key, next[key]) !== comparable(key, saved[key])) Object.assign(changes, { [key]: next[key] });
  }
  return { changes, errors };
}
