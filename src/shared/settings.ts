/**
 * The settings staff can change, each with its schema and default: one definition for the contract (what an
 * admin may send) and for core (what is stored and what a missing value means).
 */
import { z } from 'zod';
import { LANGUAGES, NURSE_CALL_WAYS, type KioskSettingsView } from './domain';
import { KIOSK_NAME_MAX } from './input-limits';

/**
 * Half of a UTF-16 surrogate pair on its own is not a character: stored, it would be silently replaced by "�".
 * Text staff type is refused with this message instead, and nothing changes.
 */
export const LONE_SURROGATE_MESSAGE = 'contains a broken character (half of a surrogate pair); please type it again';
export const hasNoLoneSurrogate = (value: string): boolean => !/\p{Cs}/u.test(value);

const text = (max: number) =>
  z
    .string()
    .refine(hasNoLoneSurrogate, LONE_SURROGATE_MESSAGE)
    .trim()
    .max(max, `at most ${max} characters`)
    .regex(/^[^\p{Cc}]*$/u, 'no control characters');

/** A local time of day, 'HH:MM' on the 24-hour clock (the night schedule). */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 21:00');

// ---- Time zone ----

/** True for a time zone name Intl knows (IANA names such as "Europe/Madrid", and "UTC"). */
export function isValidTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone's usual capitals ("america/new_york" → "America/New_York"), so reports name it the same way. The name is
 * otherwise kept as given: ICU would turn "Asia/Kolkata" into the older "Asia/Calcutta".
 */
export function canonicalTimeZone(name: string): string {
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
}

/** The zone the machine runs in: the default until an admin sets one. */
export function systemTimeZone(): string {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isValidTimeZone(zone) ? zone : 'UTC';
}

export const settingsFields = {
  kioskName: text(KIOSK_NAME_MAX).min(1, 'must not be empty'),
  languages: z
    .array(z.enum(LANGUAGES))
    .min(1)
    .max(LANGUAGES.length)
    .refine((list) => new Set(list).size === list.length, 'each language once'),
  defaultLanguage: z.enum(LANGUAGES),
  /** A signed-in staff member is signed out after this much inactivity. */
  signOutAfterSeconds: z.number().int().min(30).max(1800),
  /** A session open longer than this is closed as auto-closed. */
  autoCloseAfterMinutes: z
    .number()
    .int()
    .min(30)
    .max(24 * 60),
  /** After a session ends the room shows "needs cleaning" until staff mark it cleaned. */
  cleaningStepEnabled: z.boolean(),
  /** How a parent reaches a nurse here, in each language (shown on every help screen). */
  helpText: z.object({ en: text(300), es: text(300) }).strict(),
  /**
   * How a parent in this room reaches a nurse, shown large on the help screen: the call button by the chair, or a
   * phone call to the nurses' station on `phoneExtension` (then the extension must be set).
   */
  nurseCall: z.enum(NURSE_CALL_WAYS),
  /** The phone extension of the nursing station, if the room has a phone. */
  phoneExtension: z
    .string()
    .trim()
    .regex(/^[0-9 #*+-]{0,16}$/, 'digits, spaces, #, *, + and - only'),
  // The room board's attract loop: slides shown when nobody has touched the board for a while.
  /** The board starts its rotating slides after this much inactivity. */
  attractAfterIdleSeconds: z.number().int().min(15).max(1800),
  /** Each attract slide stays this long (a calm, readable pace). */
  attractIntervalSeconds: z.number().int().min(6).max(120),
  // Night theme and chime.
  /** When the kiosk shows its dim, warm night theme and plays the quieter chime. */
  nightSchedule: z
    .object({ start: clockTime, end: clockTime })
    .strict()
    .refine((night) => night.start !== night.end, 'the night must start and end at different times'),
  /** The timer chime's loudness by day and at night, 0 (silent) to 100. */
  chimeVolume: z.number().int().min(0).max(100),
  nightChimeVolume: z.number().int().min(0).max(100),
  // Reports, export and retention.
  /** The IANA time zone reports and exports count days and hours in (e.g. "America/New_York"). */
  timeZone: z
    .string()
    .max(64)
    .refine(isValidTimeZone, 'an IANA time zone such as America/New_York')
    .transform(canonicalTimeZone),
  /** Sessions that ended more than this many months ago are deleted, with their events; null keeps everything. */
  retentionMonths: z.number().int().min(1).max(120).nullable(),
  /** A badge still asks for the PIN (default); off, a badge alone signs a nurse in. */
  badgeNeedsPin: z.boolean(),
  /** In a fleet, staff see a notice once a change has waited this long to reach the hospital's database. */
  fleetWarningAfterMinutes: z
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60),
} as const;

export const SETTINGS_DEFAULTS: KioskSettingsView = {
  kioskName: 'Lactation room',
  languages: [...LANGUAGES],
  defaultLanguage: 'en',
  signOutAfterSeconds: 120,
  autoCloseAfterMinutes: 180,
  cleaningStepEnabled: true,
  helpText: {
    en: 'Press the call button by the chair, or ask at the nurses’ station.',
    es: 'Oprima el botón de llamada junto al sillón o pregunte en el puesto de enfermería.',
  },
  nurseCall: 'call-button',
  phoneExtension: '',
  // Attract loop.
  attractAfterIdleSeconds: 60,
  attractIntervalSeconds: 12,
  // Night theme and chime.
  nightSchedule: { start: '21:00', end: '07:00' },
  chimeVolume: 60,
  nightChimeVolume: 25,
  // Reports, export and retention: the machine's zone until an admin chooses one; keep everything.
  timeZone: systemTimeZone(),
  retentionMonths: null,
  badgeNeedsPin: true,
  fleetWarningAfterMinutes: 60,
};

export type SettingKey = keyof typeof settingsFields;

/** A kiosk that tells parents to call the nurses' station must say which extension. */
export function nurseCallProblem(settings: Pick<KioskSettingsView, 'nurseCall' | 'phoneExtension'>): string | null {
  return settings.nurseCall === 'extension' && settings.phoneExtension.trim() === ''
    ? 'the nurses’ station extension is needed when parents are told to call it'
    : null;
}

/** What an admin may send: any subset of the settings, at least one. */
export const settingsChangesSchema = z
  .object(settingsFields)
  .partial()
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, 'no changes given');
