import type { KioskSettingsView } from '../../../shared/domain';
import { SETTINGS_DEFAULTS, settingsFields, type SettingKey } from '../../../shared/settings';
import type { KioskDatabase } from '../db/open-database';
import { readAllSettings, settingsVersion, writeSetting } from '../repositories/settings-repository';
import { CENTRE_SETTINGS_ROW, centreValues } from './centre-settings-values';

export type KioskSettings = KioskSettingsView;
export type { SettingKey };

const SETTING_KEYS = Object.keys(settingsFields) as SettingKey[];

interface SettingsMemo {
  localWrites: number;
  dataVersion: number;
  schema: number;
  settings: KioskSettings;
}

const memos = new WeakMap<KioskDatabase, SettingsMemo>();

/**
 * Every setting in use: the fleet's centre's value for a setting it decides here, else the kiosk's own stored value,
 * else the default. A stored value that no longer fits its schema falls back to the default.
 *
 * Parsed once per connection and reused until a setting is written here or another connection commits: the session
 * round trip reads settings twice, and re-validating each (the time zone through Intl) was a fifth of its CPU.
 * Answers a frozen object shared by later calls. A memo is never taken inside a transaction, which may roll back.
 */
export function loadSettings(db: KioskDatabase): KioskSettings {
  const version = settingsVersion(db);
  const memo = memos.get(db);
  if (
    memo &&
    memo.localWrites === version.localWrites &&
    memo.dataVersion === version.dataVersion &&
    memo.schema === version.schema
  ) {
    return memo.settings;
  }
  const settings = parseSettings(readAllSettings(db));
  if (db.inTransaction) memos.delete(db);
  else memos.set(db, { ...version, settings });
  return settings;
}

/** The kiosk's own settings, without the centre's: what its admin set, else the defaults. */
export function loadOwnSettings(db: KioskDatabase): KioskSettings {
  return parseSettings(readAllSettings(db), false);
}

function parseSettings(stored: Map<string, unknown>, withCentre = true): KioskSettings {
  const settings: Record<string, unknown> = {};
  const centre = withCentre ? centreValues(stored.get(CENTRE_SETTINGS_ROW)) : {};
  for (const key of SETTING_KEYS) {
    // The kiosk's own value is not parsed where the centre's is used (the time zone's check is costly).
    const parsed = key in centre ? null : settingsFields[key].safeParse(stored.get(key));
    const value: unknown = parsed === null ? centre[key] : parsed.success ? parsed.data : SETTINGS_DEFAULTS[key];
    settings[key] = Array.isArray(value) ? Object.freeze([...value]) : value;
  }
  return Object.freeze(settings) as unknown as KioskSettings;
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
