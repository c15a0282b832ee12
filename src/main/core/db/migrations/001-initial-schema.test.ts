import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempFolder } from '../../testing/temp-folder';
import { migrate, schemaVersion } from '../migrate';
import { initialSchema } from './001-initial-schema';

/** Upgrades an empty (version 0) file through migration 1 only, then checks what the schema promises. */
describe('migration 1: initial schema', () => {
  let folder: ReturnType<typeof makeTempFolder>;
  let db: Database.Database;
  beforeEach(() => {
    folder = makeTempFolder();
    db = new Database(`${folder.path}/kiosk.db`);
    db.pragma('foreign_keys = ON');
    expect(schemaVersion(db)).toBe(0);
    migrate(db, [initialSchema]);
  });
  afterEach(() => {
    db.close();
    folder.cleanup();
  });

  const insertStaff = () =>
    db
      .prepare(
        "INSERT INTO staff (staff_number, display_name, role, pin_hash, pin_salt, created_at) VALUES ('1', 'A', 'nurse', x'00', x'00', 0)",
      )
      .run();
  const insertRoom = () => db.prepare("INSERT INTO rooms (name) VALUES ('Room 1')").run();
  const openSession = (uuid: string) =>
    db
      .prepare(
        "INSERT INTO sessions (uuid, room_id, kind, language, started_at, started_by) VALUES (?, 1, 'pumping', 'en', 1000, 1)",
      )
      .run(uuid);

  it('creates every table of the design as STRICT', () => {
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

  it('lets a room have at most one open session, and a new one once it has ended', () => {
    insertStaff();
    insertRoom();
    openSession('00000000-0000-4000-8000-000000000001');
    expect(() => openSession('00000000-0000-4000-8000-000000000002')).toThrow(/UNIQUE/);
    db.prepare("UPDATE sessions SET ended_at = 2000, end_reason = 'completed' WHERE id = 1").run();
    expect(() => openSession('00000000-0000-4000-8000-000000000003')).not.toThrow();
  });

  it('rejects wrong types, unknown kinds, half-ended sessions and end before start', () => {
    insertStaff();
    insertRoom();
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
    openSession('00000000-0000-4000-8000-000000000001');
    expect(() => db.prepare('UPDATE sessions SET ended_at = 2000 WHERE id = 1').run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE sessions SET ended_at = 10, end_reason = 'completed' WHERE id = 1").run()).toThrow(
      /CHECK/,
    );
  });

  it('enforces foreign keys and valid JSON details', () => {
    expect(() =>
      db.prepare("INSERT INTO session_events (session_id, at, type) VALUES (42, 1, 'help-requested')").run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO settings (key, value) VALUES ('kioskName', 'not json')").run()).toThrow(
      /CHECK/,
    );
  });
});
