import type Database from 'better-sqlite3';
import { describe, expect } from 'vitest';
import { insertRoomAndNurse } from '../../testing/old-schema-rows';
import { emptyDbTest } from '../../testing/temp-database';
import { migrate, schemaVersion } from '../migrate';
import { initialSchema } from './001-initial-schema';

/** Upgrades an empty (version 0) file through migration 1 only, then checks what the schema promises. */
describe('migration 1: initial schema', () => {
  const test = emptyDbTest.extend<{ schema: Database.Database }>({
    schema: async ({ db }, use) => {
      expect(schemaVersion(db)).toBe(0);
      migrate(db, [initialSchema]);
      await use(db);
    },
  });

  const openSession = (db: Database.Database, uuid: string) =>
    db
      .prepare(
        "INSERT INTO sessions (uuid, room_id, kind, language, started_at, started_by) VALUES (?, 1, 'pumping', 'en', 1000, 1)",
      )
      .run(uuid);

  test('creates every table of the design as STRICT', ({ schema: db }) => {
    expect(schemaVersion(db)).toBe(1);
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
      name: string;
      sql: string;
    }[];
    expect(tables.map((table) => table.name)).toEqual([
      'audit_log',
      'room_cleanings',
      'rooms',
      'session_events',
      'sessions',
      'settings',
      'staff',
      'timers',
    ]);
    for (const table of tables) expect(table.sql, table.name).toMatch(/\)\s*STRICT$/);
  });

  test('lets a room have at most one open session, and a new one once it has ended', ({ schema: db }) => {
    insertRoomAndNurse(db);
    openSession(db, '00000000-0000-4000-8000-000000000001');
    expect(() => openSession(db, '00000000-0000-4000-8000-000000000002')).toThrow(/UNIQUE/);
    db.prepare("UPDATE sessions SET ended_at = 2000, end_reason = 'completed' WHERE id = 1").run();
    expect(() => openSession(db, '00000000-0000-4000-8000-000000000003')).not.toThrow();
  });

  test('rejects wrong types, unknown kinds, half-ended sessions and end before start', ({ schema: db }) => {
    insertRoomAndNurse(db);
    expect(() => db.prepare("INSERT INTO rooms (name, sort_order) VALUES ('X', 'first')").run()).toThrow(
      /cannot store TEXT/,
    );
    expect(() =>
      db
        .prepare(
          "INSERT INTO sessions (uuid, room_id, kind, language, started_at, started_by) VALUES ('00000000-0000-4000-8000-000000000009', 1, 'nap', 'en', 1, 1)",
        )
        .run(),
    ).toThrow(/CHECK/);
    openSession(db, '00000000-0000-4000-8000-000000000001');
    expect(() => db.prepare('UPDATE sessions SET ended_at = 2000 WHERE id = 1').run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE sessions SET ended_at = 10, end_reason = 'completed' WHERE id = 1").run()).toThrow(
      /CHECK/,
    );
  });

  test('enforces foreign keys and valid JSON details', ({ schema: db }) => {
    expect(() =>
      db.prepare("INSERT INTO session_events (session_id, at, type) VALUES (42, 1, 'help-requested')").run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO settings (key, value) VALUES ('kioskName', 'not json')").run()).toThrow(
      /CHECK/,
    );
  });
});
