import type { KioskSettingsView } from '../../../shared/domain';
import { SETTINGS_DEFAULTS, settingsFields, type SettingKey } from '../../../shared/settings';
import type { KioskDatabase } from '../db/open-database';
import { readAllSettings, writeSetting } from '../repositories/settings-repository';

export type KioskSettings = KioskSettingsView;
export type { SettingKey };

const SETTING_KEYS = Object.keys(settingsFields) as SettingKey[];

/** Every setting, stored or default. A stored value that no longer fits its schema falls back to the default. */
export function loadSettings(db: KioskDatabase): KioskSettings {
  const stored = readAllSettings(db);
  const settings: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const parsed = settingsFields[key].safeParse(stored.get(key));
    settings[key] = parsed.success ? parsed.data : SETTINGS_DEFAULTS[key];
  }
  return settings as unknown as KioskSettings;
}

export function saveSetting<K extends SettingKey>(db: KioskDatabase, key: K, value: KioskSettings[K]): void {
  saveSettings(db, { [key]: value });
}

/** Validates and stores several settings at once; nothing is written unless every value is valid. */
export function saveSettings(db: KioskDatabase, changes: Partial<KioskSettings>): SettingKey[] {
  const parsed = Object.entries(changes).map(([key, value]) => {
    if (!(key in settingsFields)) throw new Error(`Unknown setting ${key}`);
    return [key as SettingKey, settingsFields[key as SettingKey].parse(value)] as const;
  });
  db.transaction(() => {
    for (const [key, value] of parsed) writeSetting(db, key, value);
  })();
  return parsed.map(([key]) => key);
}
