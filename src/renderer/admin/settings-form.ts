/**
 * The settings tab's form: the text in its fields, checked against the very schemas main uses (src/shared/settings.ts)
 * so the screen and the core can never disagree about what is allowed, with each problem said in the screen's
 * language next to its field. Only changed settings are sent.
 */
import { LANGUAGES, type KioskSettingsView, type Language, type NurseCallWay } from '../../shared/domain';
import { nurseCallProblem, settingsFields } from '../../shared/settings';
import type { Messages } from '../lib/i18n/messages-en';

export interface SettingsForm {
  kioskName: string;
  autoCloseAfterMinutes: string;
  signOutAfterSeconds: string;
  fleetWarningAfterMinutes: string;
  cleaningStepEnabled: boolean;
  helpTextEn: string;
  helpTextEs: string;
  phoneExtension: string;
  nurseCall: NurseCallWay;
  /** The night theme's hours as typed: "21:00", or digits only ("2100") from the kiosk's keypad. */
  nightStart: string;
  nightEnd: string;
  badgeNeedsPin: boolean;
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
  | 'fleetWarningAfterMinutes'
  | 'cleaningStepEnabled'
  | 'helpText'
  | 'phoneExtension'
  | 'nurseCall'
  | 'nightSchedule'
  | 'badgeNeedsPin'
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
  fleetWarning: {
    min: settingsFields.fleetWarningAfterMinutes.minValue ?? 5,
    max: settingsFields.fleetWarningAfterMinutes.maxValue ?? 10_080,
  },
};

export function formFromSettings(settings: EditedSettings): SettingsForm {
  return {
    kioskName: settings.kioskName,
    autoCloseAfterMinutes: String(settings.autoCloseAfterMinutes),
    signOutAfterSeconds: String(settings.signOutAfterSeconds),
    fleetWarningAfterMinutes: String(settings.fleetWarningAfterMinutes),
    cleaningStepEnabled: settings.cleaningStepEnabled,
    helpTextEn: settings.helpText.en,
    helpTextEs: settings.helpText.es,
    phoneExtension: settings.phoneExtension,
    nurseCall: settings.nurseCall,
    nightStart: settings.nightSchedule.start,
    nightEnd: settings.nightSchedule.end,
    badgeNeedsPin: settings.badgeNeedsPin,
    languages: LANGUAGES.filter((language) => settings.languages.includes(language)),
    defaultLanguage: settings.defaultLanguage,
  };
}

export interface CheckedSettings {
  changes: Partial<EditedSettings>;
  errors: Partial<Record<SettingsFormField, string>>;
}

const wholeNumber = (text: string): number => (/^\s*\d{1,6}\s*$/.test(text) ? Number(text) : Number.NaN);

/**
 * A time of day as the schema wants it ("07:00"), from what was typed: "7:00", "21:30", or digits alone ("700",
 * "2130"), because the kiosk's digit keypad has no colon. Anything else is left as typed, for the schema to refuse.
 */
export function clockTimeFrom(text: string): string {
  const match = /^\s*(\d{1,2}):?(\d{2})\s*$/.exec(text);
  return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : text;
}

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

  const fleetWarning = settingsFields.fleetWarningAfterMinutes.safeParse(wholeNumber(form.fleetWarningAfterMinutes));
  if (fleetWarning.success) next.fleetWarningAfterMinutes = fleetWarning.data;
  else errors.fleetWarningAfterMinutes = t.wholeNumber(LIMITS.fleetWarning.min, LIMITS.fleetWarning.max);

  next.cleaningStepEnabled = form.cleaningStepEnabled;

  const helpEn = settingsFields.helpText.shape.en.safeParse(form.helpTextEn);
  const helpEs = settingsFields.helpText.shape.es.safeParse(form.helpTextEs);
  if (!helpEn.success) errors.helpTextEn = t.tooLong(LIMITS.helpText);
  if (!helpEs.success) errors.helpTextEs = t.tooLong(LIMITS.helpText);
  if (helpEn.success && helpEs.success) next.helpText = { en: helpEn.data, es: helpEs.data };

  const phone = settingsFields.phoneExtension.safeParse(form.phoneExtension);
  if (phone.success) next.phoneExtension = phone.data;
  else errors.phoneExtension = t.phoneInvalid;

  if (phone.success) {
    const problem = nurseCallProblem({ nurseCall: form.nurseCall, phoneExtension: phone.data });
    if (problem) errors.nurseCall = t.extensionNeeded;
    else next.nurseCall = form.nurseCall;
  }

  const night = { start: clockTimeFrom(form.nightStart), end: clockTimeFrom(form.nightEnd) };
  const nightParsed = settingsFields.nightSchedule.safeParse(night);
  if (nightParsed.success) next.nightSchedule = nightParsed.data;
  else {
    const clockTime = settingsFields.nightSchedule.shape.start;
    if (!clockTime.safeParse(night.start).success) errors.nightStart = t.clockTime;
    if (!clockTime.safeParse(night.end).success) errors.nightEnd = t.clockTime;
    if (!errors.nightStart && !errors.nightEnd) errors.nightEnd = t.nightSame;
  }

  next.badgeNeedsPin = form.badgeNeedsPin;

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
