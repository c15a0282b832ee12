import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import { emptyDbTest } from '../../testing/temp-database';
import { migrate, schemaVersion } from '../migrate';
import { MIGRATIONS } from './index';
import { fleetOutbox } from './007-fleet-outbox';

/** Whatever version 6 holds, the steps before the outbox: this test does not depend on what they contain. */
const BEFORE = MIGRATIONS.filter((migration) => migration.version < fleetOutbox.version);

const outbox = (db: Database.Database) =>
  db.prepare('SELECT table_name AS t, local_id AS id FROM fleet_outbox ORDER BY fleet_outbox.rowid').all();

function addHistory(db: Database.Database): void {
  db.exec(`
    INSERT INTO rooms (id, name) VALUES (1, 'Room A');
    INSERT INTO staff (id, staff_number, display_name, role, pin_hash, pin_salt, created_at)
      VALUES (1, '101', 'N', 'nurse', x'00', x'00', 0);
    INSERT INTO sessions (id, uuid, room_id, kind, language, started_at, started_by)
      VALUES (1, '00000000-0000-4000-8000-000000000001', 1, 'pumping', 'en', 1000, 1);
    INSERT INTO session_events (session_id, at, type) VALUES (1, 1001, 'guide-viewed');
  `);
}

emptyDbTest(
  'upgrades a version-6 database keeping its history, and queues nothing while the kiosk is in no fleet',
  ({ db }) => {
    migrate(db, BEFORE);
    expect(schemaVersion(db)).toBe(fleetOutbox.version - 1);
    addHistory(db);

    expect(migrate(db, [...BEFORE, fleetOutbox])).toEqual({ from: 6, to: 7 });
    expect(db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(1);
    db.exec(`UPDATE sessions SET ended_at = 2000, ended_by = 1, end_reason = 'completed';
           INSERT INTO audit_log (at, action) VALUES (3000, 'x')`);
    expect(outbox(db)).toEqual([]);
  },
);

emptyDbTest(
  'once joined, queues each change in the transaction that makes it, and only changes the centre keeps',
  ({ db }) => {
    migrate(db, [...BEFORE, fleetOutbox]);
    addHistory(db);
    db.exec(`UPDATE sessions SET ended_at = 2000, ended_by = 1, end_reason = 'completed'`);
    db.exec(`INSERT INTO fleet_link (id, kiosk_id, kiosk_name, server, joined_at) VALUES (1, 'k', '4 West', 's', 0)`);

    db.exec(`
    INSERT INTO sessions (id, uuid, room_id, kind, language, started_at, started_by)
      VALUES (2, '00000000-0000-4000-8000-000000000002', 1, 'pumping', 'en', 5000, 1);
    INSERT INTO session_events (id, session_id, at, type) VALUES (7, 2, 5001, 'guide-viewed');
    UPDATE sessions SET language = 'es' WHERE id = 2;
    INSERT INTO timers (id, session_id, preset, kind, duration_ms, started_at, ends_at, state)
      VALUES (3, 2, 'warm-compress-5', 'warm-compress', 300000, 5000, 305000, 'running');
    UPDATE timers SET ends_at = 365000 WHERE id = 3;
    UPDATE timers SET state = 'finished', ended_at = 365000 WHERE id = 3;
    UPDATE timers SET state = 'acknowledged' WHERE id = 3;
    UPDATE timers SET remaining_ms = 0 WHERE id = 3;
    UPDATE sessions SET ended_at = 9000, ended_by = 1, end_reason = 'completed' WHERE id = 2;
    INSERT INTO room_cleanings (id, room_id, cleaned_at, cleaned_by) VALUES (4, 1, 9500, 1);
    INSERT INTO audit_log (id, at, action) VALUES (5, 9600, 'room-cleaned');
  `);
    expect(outbox(db)).toEqual([
      { t: 'sessions', id: 2 },
      { t: 'session_events', id: 7 },
      { t: 'timers', id: 3 },
      { t: 'timers', id: 3 },
      { t: 'sessions', id: 2 },
      { t: 'room_cleanings', id: 4 },
      { t: 'audit_log', id: 5 },
    ]);

    // A failed write takes its outbox entry with it.
    expect(() =>
      db.exec(`INSERT INTO sessions (uuid, room_id, kind, language, started_at, started_by)
             VALUES ('00000000-0000-4000-8000-000000000003', 1, 'not-a-kind', 'en', 1, 1)`),
    ).toThrow(/CHECK/);
    expect(outbox(db)).toHaveLength(7);

    // Ids keep growing after the outbox empties: the centre orders copies of a row by them.
    const last = db.prepare('SELECT max(id) FROM fleet_outbox').pluck().get() as number;
    db.exec('DELETE FROM fleet_outbox');
    db.exec(`INSERT INTO audit_log (at, action) VALUES (9700, 'x')`);
    expect(db.prepare('SELECT id FROM fleet_outbox').pluck().get()).toBe(last + 1);
    expect(() =>
      db.exec(`INSERT INTO fleet_link (id, kiosk_id, kiosk_name, server, joined_at) VALUES (2, 'k', 'n', 's', 0)`),
    ).toThrow(/CHECK/);
  },
);
