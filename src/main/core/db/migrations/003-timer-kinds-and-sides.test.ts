import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { initialSchema } from './001-initial-schema';
import { kioskState } from './002-kiosk-state';
import { timerKindsAndSides } from './003-timer-kinds-and-sides';
import { emptyDbTest } from '../../testing/temp-database';
import { insertRoomAndNurse } from '../../testing/old-schema-rows';

function seedVersion2(db: Database.Database): void {
  migrate(db, [initialSchema, kioskState]);
  insertRoomAndNurse(db);
  db.exec(`
    INSERT INTO sessions (uuid, room_id, kind, language, started_at, started_by)
      VALUES ('00000000-0000-4000-8000-000000000001', 1, 'pumping', 'en', 1000, 1);
    INSERT INTO session_events (session_id, at, type, detail) VALUES (1, 1500, 'guide-viewed', '{"guide":"cradle"}');
    INSERT INTO timers (id, session_id, preset, duration_ms, started_at, ends_at, paused_at, remaining_ms, state) VALUES
      (1, 1, 'warm-compress-5', 300000, 2000, 302000, NULL, NULL, 'running'),
      (2, 1, 'cool-pack-10', 600000, 2000, NULL, 5000, 597000, 'paused'),
      (3, 1, 'hand-expression-warm-up', 60000, 2000, 62000, NULL, NULL, 'finished'),
      (4, 1, 'warm-5', 300000, 2000, NULL, NULL, NULL, 'running'),
      (5, 1, 'cool-pack-10', 600000, 2000, NULL, 9000, NULL, 'paused'),
      (6, 1, 'warm-compress-2', 120000, 2000, NULL, NULL, 100000, 'cancelled');
  `);
  expect(schemaVersion(db)).toBe(2);
}

emptyDbTest('upgrades a version-2 database with timers, keeping every row and giving each a kind', ({ db }) => {
  seedVersion2(db);
  expect(migrate(db, [initialSchema, kioskState, timerKindsAndSides])).toEqual({ from: 2, to: 3 });
  expect(schemaVersion(db)).toBe(3);

  const rows = db
    .prepare(
      `SELECT id, preset, kind, duration_ms AS durationMs, ends_at AS endsAt, remaining_ms AS remainingMs, state,
              ended_at AS endedAt, side, left_ms AS leftMs, right_ms AS rightMs FROM timers ORDER BY id`,
    )
    .all();
  // Whole rows in the columns selected above; no timer had sides before, so both side totals start at 0.
  const columns = ['id', 'preset', 'kind', 'durationMs', 'endsAt', 'remainingMs', 'state', 'endedAt', 'side'];
  const row = (...values: unknown[]) => ({
    ...Object.fromEntries(columns.map((column, index) => [column, values[index]])),
    leftMs: 0,
    rightMs: 0,
  });
  expect(rows).toEqual([
    row(1, 'warm-compress-5', 'warm-compress', 300000, 302000, null, 'running', null, null),
    row(2, 'cool-pack-10', 'cool-pack', 600000, null, 597000, 'paused', null, null),
    row(3, 'hand-expression-warm-up', 'warm-up', 60000, 62000, null, 'finished', 62000, null),
    // An unknown preset gets the strictest limit; a running row without an end gets started + duration.
    expect.objectContaining({ id: 4, kind: 'warm-compress', endsAt: 302000, state: 'running', endedAt: null }),
    // A paused row without its remaining time keeps the whole duration rather than failing the upgrade.
    expect.objectContaining({ id: 5, kind: 'cool-pack', remainingMs: 600000, state: 'paused' }),
    expect.objectContaining({ id: 6, kind: 'warm-compress', remainingMs: 100000, state: 'cancelled', endedAt: 2000 }),
  ]);
  expect(db.prepare('SELECT count(*) FROM session_events').pluck().get()).toBe(1);
  expect(db.prepare('SELECT uuid FROM sessions').pluck().all()).toEqual(['00000000-0000-4000-8000-000000000001']);
  expect(db.pragma('foreign_key_check')).toEqual([]);
  expect(
    db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'timers' ORDER BY name")
      .pluck()
      .all(),
  ).toEqual(['timers_by_session', 'timers_by_state']);
});

emptyDbTest('enforces the new rules: left/right has sides and no duration, countdowns the reverse', ({ db }) => {
  seedVersion2(db);
  migrate(db, [initialSchema, kioskState, timerKindsAndSides]);
  const insert = db.prepare(
    `INSERT INTO timers (session_id, preset, kind, duration_ms, started_at, ends_at, state, side, side_started_at)
     VALUES (1, ?, ?, ?, 0, ?, ?, ?, ?)`,
  );
  expect(() => insert.run('left-right', 'left-right', null, null, 'running', 'left', 0)).not.toThrow();
  expect(() => insert.run('left-right', 'left-right', 60000, null, 'running', 'left', 0)).toThrow(/CHECK/);
  expect(() => insert.run('left-right', 'left-right', null, null, 'running', null, 0)).toThrow(/CHECK/);
  expect(() => insert.run('left-right', 'left-right', null, null, 'running', 'left', null)).toThrow(/CHECK/);
  expect(() => insert.run('left-right', 'left-right', null, null, 'running', 'middle', 0)).toThrow(/CHECK/);
  expect(() => insert.run('warm-compress-5', 'warm-compress', 300000, null, 'running', null, null)).toThrow(/CHECK/);
  expect(() => insert.run('warm-compress-5', 'heat-lamp', 300000, 300000, 'running', null, null)).toThrow(/CHECK/);
  expect(() => insert.run('warm-compress-5', 'warm-compress', 300000, 300000, 'finished', null, null)).toThrow(/CHECK/);
  // Ending a session's row still removes its timers with it.
  db.exec('DELETE FROM session_events; DELETE FROM sessions');
  expect(db.prepare('SELECT count(*) FROM timers').pluck().get()).toBe(0);
});
