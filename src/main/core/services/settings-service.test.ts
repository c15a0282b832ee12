import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type KioskDatabase } from '../db/open-database';
import { writeSetting } from '../repositories/settings-repository';
import { makeTempFolder } from '../testing/temp-folder';
import { SETTINGS_DEFAULTS } from '../../../shared/settings';
import { loadSettings, saveSetting, saveSettings } from './settings-service';

let folder: ReturnType<typeof makeTempFolder>;
let db: KioskDatabase;
beforeEach(() => {
  folder = makeTempFolder();
  db = openDatabase(`${folder.path}/kiosk.db`);
});
afterEach(() => {
  db.close();
  folder.cleanup();
});

it('answers defaults on a new database', () => {
  expect(loadSettings(db)).toEqual(SETTINGS_DEFAULTS);
  expect(loadSettings(db)).toMatchObject({
    signOutAfterSeconds: 120,
    autoCloseAfterMinutes: 180,
    cleaningStepEnabled: true,
  });
});

it('saves valid values and refuses invalid ones without writing', () => {
  saveSetting(db, 'kioskName', 'Maternity ward 4');
  expect(loadSettings(db).kioskName).toBe('Maternity ward 4');
  expect(() => saveSetting(db, 'signOutAfterSeconds', 5)).toThrow();
  expect(loadSettings(db).signOutAfterSeconds).toBe(120);
});

it('falls back to the default for a stored value that no longer fits, keeping the others', () => {
  writeSetting(db, 'autoCloseAfterMinutes', 'three hours');
  writeSetting(db, 'kioskName', 'Ward 2');
  expect(loadSettings(db)).toMatchObject({ autoCloseAfterMinutes: 180, kioskName: 'Ward 2' });
});

it('writes nothing when one of several changes is invalid', () => {
  expect(() => saveSettings(db, { kioskName: 'New name', phoneExtension: 'ring me' })).toThrow();
  expect(loadSettings(db).kioskName).toBe('Lactation room');
});
