/**
 * Settings decided at the fleet's centre (docs/FLEET.md), on the kiosk's side. The hospital's newest document and its
 * unit's newest are offered together; each must match the SHA-256 published with it and pass the kiosk's own settings
 * schema, and the kiosk's settings with both applied must still hang together. Only then are they stored, in one row
 * of the settings table written in one transaction with its audit entry, and used at once: loadSettings lays them
 * over the kiosk's own values. A refused offer is audited and logged and changes nothing.
 */
import { createHash } from 'node:crypto';
import {
  checkCentreSettingsText,
  type CentreSettingKey,
  type CentreSettingsSource,
  type CentreSettingsView,
} from '../../../shared/centre-settings';
import { nurseCallProblem } from '../../../shared/settings';
import type { Clock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import type { KioskLogger } from '../logging/kiosk-logger';
import { insertAuditEntry } from '../repositories/audit-log-repository';
import { deleteSetting, readSetting, writeSetting } from '../repositories/settings-repository';
import {
  CENTRE_SETTINGS_ROW,
  centreValues,
  readStoredCentreSettings as readStored,
  type StoredCentreSettings,
  type StoredSource,
} from './centre-settings-values';
import { loadOwnSettings, type KioskSettings } from './settings-service';

/** One published document as the centre offers it. */
export interface CentreSettingsDocument {
  version: number;
  unit: string | null;
  /** The exact text published. */
  settings: string;
  sha256: string;
  publishedBy: string;
  publishedAt: string;
}

export interface CentreSettingsOffer {
  hospital: CentreSettingsDocument | null;
  unit: CentreSettingsDocument | null;
}

export type CentreSettingsAnswer =
  | { status: 'accepted'; hospital: number | null; unit: number | null }
  /** This kiosk already uses these versions. */
  | { status: 'current'; hospital: number | null; unit: number | null }
  | { status: 'refused'; hospital: number | null; unit: number | null; reason: string };

export interface CentreSettingsTarget {
  db: KioskDatabase;
  clock: Clock;
  logger: KioskLogger;
}

/** Which settings the centre decides on this kiosk, and who published them; null when it decides none. */
export function readCentreSettings(db: KioskDatabase): CentreSettingsView | null {
  const { hospital, unit } = readStored(readSetting(db, CENTRE_SETTINGS_ROW));
  const sources: CentreSettingsSource[] = [];
  const keys: CentreSettingsView['keys'] = {};
  for (const source of [hospital, unit]) {
    if (!source) continue;
    const index = sources.push({
      unit: source.unit,
      version: source.version,
      publishedBy: source.publishedBy,
      publishedAt: source.publishedAt,
    });
    // Only the values in use: one changed on disk is not (the kiosk's own is), so its admin may still set it.
    const inUse = centreValues({ hospital: source, unit: null });
    for (const key of Object.keys(inUse)) keys[key as CentreSettingKey] = index - 1;
  }
  return sources.length > 0 ? { sources, keys } : null;
}

/** The settings the centre decides on this kiosk now (an admin may not change them here). */
export function centreSettingKeys(db: KioskDatabase): CentreSettingKey[] {
  return Object.keys(readCentreSettings(db)?.keys ?? {}) as CentreSettingKey[];
}

function checkDocument(doc: CentreSettingsDocument, scope: string): StoredSource | string {
  if (createHash('sha256').update(doc.settings).digest('hex') !== doc.sha256) {
    return `${scope} version ${doc.version}: its SHA-256 does not match the one published with it (damaged or changed after publishing)`;
  }
  const checked = checkCentreSettingsText(doc.settings);
  if (!checked.ok) return `${scope} version ${doc.version}: ${checked.reason}`;
  const { version, unit, publishedBy, publishedAt, sha256 } = doc;
  return { version, unit, publishedBy, publishedAt, sha256, settings: checked.settings };
}

/** The checks an admin's change passes too, on the kiosk's settings as they would be. */
function wholeProblem(next: KioskSettings): string | null {
  if (!next.languages.includes(next.defaultLanguage)) return 'the default language would not be one of those offered';
  return nurseCallProblem(next);
}

export function offerCentreSettings(target: CentreSettingsTarget, offer: CentreSettingsOffer): CentreSettingsAnswer {
  const versions = { hospital: offer.hospital?.version ?? null, unit: offer.unit?.version ?? null };
  const held = readStored(readSetting(target.db, CENTRE_SETTINGS_ROW));
  if ((held.hospital?.version ?? null) === versions.hospital && (held.unit?.version ?? null) === versions.unit) {
    return { status: 'current', ...versions };
  }

  const hospital = offer.hospital ? checkDocument(offer.hospital, 'hospital settings') : null;
  const unit = offer.unit ? checkDocument(offer.unit, `settings for unit ${offer.unit.unit}`) : null;
  const next: StoredCentreSettings = {
    hospital: typeof hospital === 'string' ? null : hospital,
    unit: typeof unit === 'string' ? null : unit,
  };
  let reason = [hospital, unit].find((checked): checked is string => typeof checked === 'string') ?? null;
  if (reason === null) {
    // The kiosk's own values under the new centre values: they must hang together as an admin's change must.
    const problem = wholeProblem({ ...loadOwnSettings(target.db), ...centreValues(next) } as KioskSettings);
    if (problem) reason = `with these settings ${problem}`;
  }

  const at = target.clock.now();
  if (reason !== null) {
    target.db.transaction(() => {
      insertAuditEntry(target.db, {
        at,
        staffId: null,
        action: 'centre-settings-refused',
        detail: { ...versions, reason },
      });
    })();
    target.logger.warn?.(`settings: refused the centre's settings (${reason}). The settings in use stay.`);
    return { status: 'refused', ...versions, reason };
  }
  const keys = Object.keys(centreValues(next)).sort().join(',');
  target.db.transaction(() => {
    writeSetting(target.db, CENTRE_SETTINGS_ROW, next);
    insertAuditEntry(target.db, {
      at,
      staffId: null,
      action: 'centre-settings-accepted',
      detail: {
        ...versions,
        keys,
        publishedBy: [next.hospital?.publishedBy, next.unit?.publishedBy].filter(Boolean).join(','),
      },
    });
  })();
  target.logger.info?.(
    `settings: the centre's settings are in use (hospital version ${versions.hospital ?? 'none'}, ` +
      `unit version ${versions.unit ?? 'none'}: ${keys || 'none'})`,
  );
  return { status: 'accepted', ...versions };
}

/**
 * A kiosk leaving its fleet keeps the centre's values as its own, so nothing on screen changes and its admin can
 * change them again. Audited as a settings change made by nobody on the kiosk.
 */
export function keepCentreSettingsAsOwn(db: KioskDatabase, clock: Clock): void {
  const values = centreValues(readSetting(db, CENTRE_SETTINGS_ROW));
  db.transaction(() => {
    for (const [key, value] of Object.entries(values)) writeSetting(db, key, value);
    deleteSetting(db, CENTRE_SETTINGS_ROW);
    if (Object.keys(values).length === 0) return;
    insertAuditEntry(db, {
      at: clock.now(),
      staffId: null,
      action: 'settings-changed',
      detail: { keys: Object.keys(values).sort().join(','), from: 'the centre, kept on leaving the fleet' },
    });
  })();
}
