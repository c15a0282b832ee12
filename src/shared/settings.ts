/**
 * The settings staff can change, each with its schema and default: one definition for the contract (what an
 * admin may send) and for core (what is stored and what a missing value means).
 */
import { z } from 'zod';
import { LANGUAGES, type KioskSettingsView } from './domain';

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .regex(/^[^\p{Cc}]*$/u, 'no control characters');

export const settingsFields = {
  kioskName: text(60).min(1, 'must not be empty'),
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
  /** The phone extension of the nursing station, if the room has a phone. */
  phoneExtension: z
    .string()
    .trim()
    .regex(/^[0-9 #*+-]{0,16}$/, 'digits, spaces, #, *, + and - only'),
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
    es: 'Pulse el botón de llamada junto al sillón o pregunte en el puesto de enfermería.',
  },
  phoneExtension: '',
};

export type SettingKey = keyof typeof settingsFields;

/** What an admin may send: any subset of the settings, at least one. */
export const settingsChangesSchema = z
  .object(settingsFields)
  .partial()
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, 'no changes given');
