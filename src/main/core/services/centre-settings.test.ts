import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { ManualClock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { listAuditEntries } from '../repositories/audit-log-repository';
import { readSetting, writeSetting } from '../repositories/settings-repository';
import { seedStaff } from '../testing/seed-staff';
import { dbTest } from '../testing/temp-database';
import {
  keepCentreSettingsAsOwn,
  offerCentreSettings,
  readCentreSettings,
  type CentreSettingsDocument,
} from './centre-settings';
import { CENTRE_SETTINGS_ROW } from './centre-settings-values';
import { loadOwnSettings, loadSettings, saveSettings } from './settings-service';
import { updateSettings } from './settings-update';

const clock = new ManualClock(Date.UTC(2026, 11, 6, 12));
const logged: string[] = [];
const logger = { error: (line: string) => logged.push(line), warn: (line: string) => logged.push(line) };

function doc(version: number, settings: string, unit: string | null = null): CentreSettingsDocument {
  return {
    version,
    unit,
    settings,
    sha256: createHash('sha256').update(settings).digest('hex'),
    publishedBy: 'lactation_team',
    publishedAt: '2026-12-06T10:00:00.000Z',
  };
}

const offer = (
  db: KioskDatabase,
  hospital: CentreSettingsDocument | null,
  unit: CentreSettingsDocument | null = null,
) => offerCentreSettings({ db, clock, logger }, { hospital, unit });

dbTest("lays the unit's values over the hospital's over the kiosk's own, and says which is whose", ({ db }) => {
  saveSettings(db, { kioskName: 'Room 4', signOutAfterSeconds: 200, chimeVolume: 30 });
  const before = loadSettings(db);
  expect(
    offer(
      db,
      doc(3, '{"signOutAfterSeconds": 300, "phoneExtension": "4400"}'),
      doc(5, '{"phoneExtension": "51"}', 'NICU'),
    ),
  ).toEqual({ status: 'accepted', hospital: 3, unit: 5 });
  // In use at once: the memo of parsed settings sees the new row.
  expect(loadSettings(db)).not.toBe(before);
  expect(loadSettings(db)).toMatchObject({
    kioskName: 'Room 4',
    chimeVolume: 30,
    signOutAfterSeconds: 300,
    phoneExtension: '51',
  });
  expect(loadOwnSettings(db)).toMatchObject({ signOutAfterSeconds: 200, phoneExtension: '' });
  expect(readCentreSettings(db)).toEqual({
    sources: [
      { unit: null, version: 3, publishedBy: 'lactation_team', publishedAt: '2026-12-06T10:00:00.000Z' },
      { unit: 'NICU', version: 5, publishedBy: 'lactation_team', publishedAt: '2026-12-06T10:00:00.000Z' },
    ],
    keys: { signOutAfterSeconds: 0, phoneExtension: 1 },
  });
  expect(offer(db, doc(3, '{}'), doc(5, '{}', 'NICU'))).toMatchObject({ status: 'current' });
  expect(listAuditEntries(db).filter((entry) => entry.action === 'centre-settings-accepted')).toHaveLength(1);
});

dbTest('refuses settings that would not hang together with the kiosk’s own; nothing changes', ({ db }) => {
  saveSettings(db, { nurseCall: 'extension', phoneExtension: '4400' });
  const answer = offer(db, doc(7, '{"phoneExtension": ""}'));
  expect(answer).toMatchObject({ status: 'refused', reason: /extension is needed/ });
  expect(loadSettings(db).phoneExtension).toBe('4400');
  expect(readSetting(db, CENTRE_SETTINGS_ROW)).toBeUndefined();
  expect(offer(db, doc(8, '{"languages": ["es"]}'))).toMatchObject({
    status: 'refused',
    reason: /default language would not be one of those offered/,
  });
  expect(listAuditEntries(db).map((entry) => entry.action)).toEqual([
    'centre-settings-refused',
    'centre-settings-refused',
  ]);
});

dbTest('refuses the whole offer when either document is bad, keeping the previous pair', ({ db }) => {
  offer(db, doc(1, '{"chimeVolume": 5}'));
  expect(loadSettings(db).chimeVolume).toBe(60);
  offer(db, doc(2, '{"retentionMonths": 24}'));
  expect(offer(db, doc(3, '{"retentionMonths": 12}'), doc(4, '{"retentionMonths": 0}', 'NICU'))).toMatchObject({
    status: 'refused',
    reason: /unit NICU version 4: retentionMonths/,
  });
  expect(loadSettings(db).retentionMonths).toBe(24);
  expect(readCentreSettings(db)?.sources).toEqual([expect.objectContaining({ version: 2 })]);
});

dbTest('an admin cannot change what the centre decides, and may change the rest', async ({ db }) => {
  const admin = await seedStaff(db, { staffNumber: '100', pin: '1234', role: 'admin' });
  offer(db, doc(1, '{"autoCloseAfterMinutes": 90}'));
  expect(() => updateSettings(db, clock, { autoCloseAfterMinutes: 60, kioskName: 'X' }, admin)).toThrow(
    /autoCloseAfterMinutes is set by the hospital/,
  );
  expect(loadSettings(db)).toMatchObject({ autoCloseAfterMinutes: 90, kioskName: 'Lactation room' });
  expect(updateSettings(db, clock, { kioskName: 'X' }, admin).kioskName).toBe('X');
});

dbTest('a stored value changed on disk is not used: the kiosk’s own stays', ({ db }) => {
  offer(db, doc(1, '{"signOutAfterSeconds": 300, "badgeNeedsPin": false}'));
  const stored = readSetting(db, CENTRE_SETTINGS_ROW) as { hospital: { settings: Record<string, unknown> } };
  stored.hospital.settings.signOutAfterSeconds = 1;
  writeSetting(db, CENTRE_SETTINGS_ROW, stored);
  expect(loadSettings(db)).toMatchObject({ signOutAfterSeconds: 120, badgeNeedsPin: false });
  expect(readCentreSettings(db)?.keys).toEqual({ badgeNeedsPin: 0 });
  writeSetting(db, CENTRE_SETTINGS_ROW, 'not an object');
  expect(loadSettings(db).badgeNeedsPin).toBe(true);
});

dbTest(
  'leaving the fleet keeps the centre’s values as the kiosk’s own, which its admin may change again',
  async ({ db }) => {
    const admin = await seedStaff(db, { staffNumber: '100', pin: '1234', role: 'admin' });
    offer(db, doc(1, '{"nightSchedule": {"start": "22:00", "end": "06:00"}}'));
    keepCentreSettingsAsOwn(db, clock);
    expect(readCentreSettings(db)).toBeNull();
    expect(loadSettings(db).nightSchedule).toEqual({ start: '22:00', end: '06:00' });
    expect(
      updateSettings(db, clock, { nightSchedule: { start: '23:00', end: '06:00' } }, admin).nightSchedule.start,
    ).toBe('23:00');
  },
);
