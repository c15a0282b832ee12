import { z } from 'zod';
import { LANGUAGES } from '../../../shared/domain';
import type { KioskDatabase } from '../db/open-database';
import { readAllSettings, writeSetting } from '../repositories/settings-repository';

/** Every setting with its type and default. A stored value that no longer fits falls back to the default. */
export const settingsSchema = z.object({
  kioskName: z.string().trim().min(1).max(60).default('Lactation room'),
  languages: z
    .array(z.enum(LANGUAGES))
    .min(1)
    .default([...LANGUAGES]),
  defaultLanguage: z.enum(LANGUAGES).default('en'),
  /** A signed-in staff member is signed out after this much inactivity. */
  signOutAfterSeconds: z.number().int().min(30).max(1800).default(120),
  /** A session open longer than this is closed as auto-closed. */
  autoCloseAfterMinutes: z
    .number()
    .int()
    .min(30)
    .max(24 * 60)
    .default(180),
  /** After a session ends the room shows "needs cleaning" until staff mark it cleaned. */
  cleaningStepEnabled: z.boolean().default(true),
});

export type KioskSettings = z.output<typeof settingsSchema>;
export type SettingKey = keyof KioskSettings;

export function loadSettings(db: KioskDatabase): KioskSettings {
  const stored = readAllSettings(db);
  const shape = settingsSchema.shape;
  const merged: Record<string, unknown> = {};
  for (const key of Object.keys(shape) as SettingKey[]) {
    const parsed = shape[key].safeParse(stored.get(key));
    merged[key] = parsed.success ? parsed.data : shape[key].parse(undefined);
  }
  return settingsSchema.parse(merged);
}

export function saveSetting<K extends SettingKey>(db: KioskDatabase, key: K, value: KioskSettings[K]): void {
  writeSetting(db, key, settingsSchema.shape[key].parse(value));
}
