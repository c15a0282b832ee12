/**
 * How the centre's settings are kept on the kiosk: one row of the settings table, read by loadSettings on every
 * change of the table, so an accepted document is in use at once (services/centre-settings.ts accepts it).
 */
import {
  CENTRE_SETTING_KEYS,
  type CentreSettingKey,
  type CentreSettings,
  type CentreSettingsSource,
} from '../../../shared/centre-settings';
import { settingsFields, type SettingKey } from '../../../shared/settings';

/** The settings row that holds what the centre decided; not a setting itself, so no admin can write it. */
export const CENTRE_SETTINGS_ROW = 'fleet:centre-settings';

export interface StoredSource extends CentreSettingsSource {
  sha256: string;
  settings: CentreSettings;
}

/** What the row holds: the hospital's document and the unit's, each as checked when accepted. */
export interface StoredCentreSettings {
  hospital: StoredSource | null;
  unit: StoredSource | null;
}

export function readStoredCentreSettings(stored: unknown): StoredCentreSettings {
  const row = stored as Partial<StoredCentreSettings> | undefined;
  return { hospital: row?.hospital ?? null, unit: row?.unit ?? null };
}

const DECIDED_BY_CENTRE = new Set<string>(CENTRE_SETTING_KEYS);

/**
 * The centre's value of each setting it decides here, the unit's over the hospital's. Each value is checked again
 * with the setting's schema, so a row changed on disk never puts a wrong value in use (the kiosk's own value stays).
 */
export function centreValues(stored: unknown): Partial<Record<SettingKey, unknown>> {
  const { hospital, unit } = readStoredCentreSettings(stored);
  const values: Partial<Record<SettingKey, unknown>> = {};
  for (const source of [hospital, unit]) {
    for (const [key, value] of Object.entries(source?.settings ?? {})) {
      if (!DECIDED_BY_CENTRE.has(key)) continue;
      const parsed = settingsFields[key as CentreSettingKey].safeParse(value);
      if (parsed.success) values[key as SettingKey] = parsed.data;
    }
  }
  return values;
}
