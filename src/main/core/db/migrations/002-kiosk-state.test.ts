import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeTempFolder } from '../../testing/temp-folder';
import { migrate, schemaVersion } from '../migrate';
import { initialSchema } from './001-initial-schema';
import { kioskState } from './002-kiosk-state';

let folder: ReturnType<typeof makeTempFolder>;
beforeEach(() => (folder = makeTempFolder()));
afterEach(() => folder.cleanup());

it('upgrades a version-1 database with data, keeping every row', () => {
  const db = new Database(`${folder.path}/kiosk.db`);
  migrate(db, [initialSchema]);
  db.prepare("INSERT INTO rooms (name) VALUES ('Room 1')").run();
  db.prepare("INSERT INTO settings (key, value) VALUES ('kioskName', '\"Ward 3\"')").run();
  expect(schemaVersion(db)).toBe(1);

  expect(migrate(db, [initialSchema, kioskState])).toEqual({ from: 1, to: 2 });
  expect(schemaVersion(db)).toBe(2);
  expect(db.prepare('SELECT name FROM rooms').pluck().all()).toEqual(['Room 1']);
  expect(db.prepare("SELECT value FROM settings WHERE key = 'kioskName'").pluck().get()).toBe('"Ward 3"');
  db.prepare("INSERT INTO kiosk_state (key, value) VALUES ('keypadLock', '{}')").run();
  expect(() => db.prepare("INSERT INTO kiosk_state (key, value) VALUES ('x', 'nope')").run()).toThrow(/CHECK/);
  db.close();
});
