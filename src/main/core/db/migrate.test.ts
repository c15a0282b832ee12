import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskError } from '../errors';
import { makeTempFolder } from '../testing/temp-folder';
import { assertMigrationOrder, latestSchemaVersion, migrate, schemaVersion } from './migrate';
import { MIGRATIONS } from './migrations';
import type { Migration } from './migrations/migration';
import { openDatabase } from './open-database';

describe('migration registry', () => {
  let folder: ReturnType<typeof makeTempFolder>;
  beforeEach(() => (folder = makeTempFolder()));
  afterEach(() => folder.cleanup());

  it('brings a new database to the latest version', () => {
    const db = openDatabase(`${folder.path}/kiosk.db`);
    expect(schemaVersion(db)).toBe(latestSchemaVersion());
    expect(latestSchemaVersion()).toBe(MIGRATIONS.length);
    db.close();
  });

  it('is a no-op when the database is already current', () => {
    const db = openDatabase(`${folder.path}/kiosk.db`);
    expect(migrate(db)).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length });
    db.close();
  });

  it('refuses a database written by a newer kiosk, with a clear message, and leaves it alone', () => {
    const file = `${folder.path}/kiosk.db`;
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openDatabase(file)).toThrow(/schema version 99.*newer version of the kiosk/s);
    const check = new Database(file);
    expect(schemaVersion(check)).toBe(99);
    expect(check.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get()).toBe(0);
    check.close();
  });

  it('rolls every pending step back when one fails', () => {
    const raw = new Database(`${folder.path}/kiosk.db`);
    const steps: Migration[] = [
      { version: 1, name: 'creates a table', up: (db) => db.exec('CREATE TABLE first (id INTEGER) STRICT') },
      { version: 2, name: 'fails', up: (db) => db.exec('CREATE TABLE broken (') },
    ];
    expect(() => migrate(raw, steps)).toThrow();
    expect(schemaVersion(raw)).toBe(0);
    expect(raw.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'first'").pluck().get()).toBe(0);
    raw.close();
  });

  it('rejects versions that do not increase by one', () => {
    const up = () => undefined;
    expect(() =>
      assertMigrationOrder([
        { version: 1, name: 'a', up },
        { version: 3, name: 'b', up },
      ]),
    ).toThrow(/expected 2/);
    expect(() =>
      assertMigrationOrder([
        { version: 1, name: 'a', up },
        { version: 1, name: 'b', up },
      ]),
    ).toThrow();
    expect(() => assertMigrationOrder(MIGRATIONS)).not.toThrow();
  });

  it('reports the newer-database refusal as a storage error code', () => {
    const raw = new Database(`${folder.path}/kiosk.db`);
    raw.pragma(`user_version = ${latestSchemaVersion() + 1}`);
    try {
      migrate(raw);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KioskError);
      expect((error as KioskError).code).toBe('storage-unavailable');
    } finally {
      raw.close();
    }
  });
});
