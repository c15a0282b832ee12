import { describe, expect } from 'vitest';
import { openDatabase } from '../db/open-database';
import { writeSetting } from '../repositories/settings-repository';
import { SETTINGS_DEFAULTS } from '../../../shared/settings';
import { loadSettings, saveSetting, saveSettings } from './settings-service';
import { dbTest } from '../testing/temp-database';

dbTest('answers defaults on a new database', ({ db }) => {
  expect(loadSettings(db)).toEqual(SETTINGS_DEFAULTS);
  expect(loadSettings(db)).toMatchObject({
    signOutAfterSeconds: 120,
    autoCloseAfterMinutes: 180,
    cleaningStepEnabled: true,
  });
});

dbTest('saves valid values and refuses invalid ones without writing', ({ db }) => {
  saveSetting(db, 'kioskName', 'Maternity ward 4');
  expect(loadSettings(db).kioskName).toBe('Maternity ward 4');
  expect(() => saveSetting(db, 'signOutAfterSeconds', 5)).toThrow();
  expect(loadSettings(db).signOutAfterSeconds).toBe(120);
});

dbTest('falls back to the default for a stored value that no longer fits, keeping the others', ({ db }) => {
  writeSetting(db, 'autoCloseAfterMinutes', 'three hours');
  writeSetting(db, 'kioskName', 'Ward 2');
  expect(loadSettings(db)).toMatchObject({ autoCloseAfterMinutes: 180, kioskName: 'Ward 2' });
});

dbTest('writes nothing when one of several changes is invalid', ({ db }) => {
  expect(() => saveSettings(db, { kioskName: 'New name', phoneExtension: 'ring me' })).toThrow();
  expect(loadSettings(db).kioskName).toBe('Lactation room');
});

describe('the memo of parsed settings', () => {
  dbTest('is reused until a setting changes on this connection', ({ db }) => {
    const first = loadSettings(db);
    expect(loadSettings(db)).toBe(first);
    saveSetting(db, 'kioskName', 'Ward 9');
    expect(loadSettings(db)).not.toBe(first);
    expect(loadSettings(db).kioskName).toBe('Ward 9');
    writeSetting(db, 'kioskName', 'Ward 10');
    expect(loadSettings(db).kioskName).toBe('Ward 10');
  });

  dbTest('sees a change another connection committed (PRAGMA data_version)', ({ db, folder }) => {
    const other = openDatabase(`${folder.path}/kiosk.db`);
    try {
      expect(loadSettings(db).autoCloseAfterMinutes).toBe(180);
      expect(loadSettings(other).autoCloseAfterMinutes).toBe(180);
      saveSetting(other, 'autoCloseAfterMinutes', 240);
      expect(loadSettings(db).autoCloseAfterMinutes).toBe(240);
      // A write to any other table there moves data_version too, and the reread still answers the same.
      other.prepare("INSERT INTO rooms (name) VALUES ('Room 2')").run();
      expect(loadSettings(db).autoCloseAfterMinutes).toBe(240);
    } finally {
      other.close();
    }
  });

  dbTest('forgets a value read inside a transaction that rolled back', ({ db }) => {
    expect(loadSettings(db).kioskName).toBe('Lactation room');
    expect(() =>
      db.transaction(() => {
        saveSetting(db, 'kioskName', 'Never saved');
        expect(loadSettings(db).kioskName).toBe('Never saved');
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(loadSettings(db).kioskName).toBe('Lactation room');
  });

  dbTest('cannot be changed by a caller', ({ db }) => {
    const settings = loadSettings(db);
    expect(() => ((settings as { kioskName: string }).kioskName = 'x')).toThrow(TypeError);
    expect(() => (settings.languages as string[]).push('fr')).toThrow(TypeError);
  });
});
