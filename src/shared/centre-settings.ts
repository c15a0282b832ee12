/**
 * Settings published at the fleet's centre (docs/FLEET.md): which settings a hospital or a unit decides for every
 * kiosk, and the one check a settings document passes both before publishing and on each kiosk before it is used.
 */
import { z } from 'zod';
import { settingsFields, type SettingKey } from './settings';

/** Decided once for the hospital or a unit: the same on every kiosk there, read-only on each kiosk's admin screen. */
export const CENTRE_SETTING_KEYS = [
  'languages',
  'defaultLanguage',
  'signOutAfterSeconds',
  'autoCloseAfterMinutes',
  'cleaningStepEnabled',
  'helpText',
  'phoneExtension',
  'attractAfterIdleSeconds',
  'attractIntervalSeconds',
  'nightSchedule',
  'timeZone',
  'retentionMonths',
  'badgeNeedsPin',
  'fleetWarningAfterMinutes',
] as const satisfies readonly SettingKey[];

/**
 * About this kiosk and its room, never from the centre: its name, whether its room has a call button by the chair
 * (else parents phone the station) and its speaker's chime volumes.
 */
export const KIOSK_ONLY_SETTING_KEYS = [
  'kioskName',
  'nurseCall',
  'chimeVolume',
  'nightChimeVolume',
] as const satisfies readonly SettingKey[];

export type CentreSettingKey = (typeof CENTRE_SETTING_KEYS)[number];

/** A settings document weighs a few hundred bytes; anything near this is not one. */
export const MAX_CENTRE_SETTINGS_BYTES = 64 * 1024;

const centreFields = Object.fromEntries(CENTRE_SETTING_KEYS.map((key) => [key, settingsFields[key]])) as Pick<
  typeof settingsFields,
  CentreSettingKey
>;

/** A settings document: any of the centre's settings, at least one, each by the kiosk's own schema; nothing else. */
export const centreSettingsSchema = z
  .object(centreFields)
  .partial()
  .strict()
  .refine((doc) => Object.keys(doc).length > 0, 'no settings given')
  .refine(
    (doc) => !doc.languages || !doc.defaultLanguage || doc.languages.includes(doc.defaultLanguage),
    'defaultLanguage must be one of languages',
  );

export type CentreSettings = z.output<typeof centreSettingsSchema>;

export type CentreSettingsCheck = { ok: true; settings: CentreSettings } | { ok: false; reason: string };

const KIOSK_ONLY = new Set<string>(KIOSK_ONLY_SETTING_KEYS);

/** Checks a settings document's exact text; the reason names the setting at fault. */
export function checkCentreSettingsText(text: string): CentreSettingsCheck {
  if (new TextEncoder().encode(text).length > MAX_CENTRE_SETTINGS_BYTES) {
    return { ok: false, reason: `a settings document is at most ${MAX_CENTRE_SETTINGS_BYTES} bytes` };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `it is not JSON (${(error as Error).message})` };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { ok: false, reason: 'it must be one JSON object of settings, e.g. {"autoCloseAfterMinutes": 120}' };
  }
  const perKiosk = Object.keys(doc).filter((key) => KIOSK_ONLY.has(key));
  if (perKiosk.length > 0) {
    return { ok: false, reason: `${perKiosk.join(', ')}: set on each kiosk, never from the centre` };
  }
  const parsed = centreSettingsSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.');
    const what = issue.code === 'unrecognized_keys' ? 'not a setting' : issue.message;
    return { ok: false, reason: where ? `${where}: ${what}` : what };
  }
  return { ok: true, settings: parsed.data };
}

/** Who decided one published document, as the admin screen shows it. */
export interface CentreSettingsSource {
  /** null: the hospital's document; else the unit it was published for. */
  unit: string | null;
  version: number;
  publishedBy: string;
  /** ISO 8601, UTC. */
  publishedAt: string;
}

/** What the admin screen shows of the centre's settings on this kiosk: each key set there, and by which document. */
export interface CentreSettingsView {
  sources: CentreSettingsSource[];
  /** Each setting the centre decides here, with the index of its document in `sources` (a unit's wins). */
  keys: Partial<Record<CentreSettingKey, number>>;
}
