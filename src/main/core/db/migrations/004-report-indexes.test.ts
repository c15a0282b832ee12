import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { initialSchema } from './001-initial-schema';
import { kioskState } from './002-kiosk-state';
import { timerKindsAndSides } from './003-timer-kinds-and-sides';
import { reportIndexes } from './004-report-indexes';
import { emptyDbTest } from '../../testing/temp-database';
import { insertRoomAndNurse } from '../../testing/old-schema-rows';

const indexes = (db: Database.Database) =>
  db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").pluck().all();

emptyDbTest(
  'upgrades a version-3 database with sessions and events, keeping every row, and the reports use the indexes',
  ({ db }) => {
    migrate(db, [initialSchema, kioskState, timerKindsAndSides]);
    insertRoomAndNurse(db);
    db.exec(`
    INSERT INTO sessions (uuid, room_id, kind, language, started_at, started_by, ended_at, end_reason)
      VALUES ('00000000-0000-4000-8000-000000000001', 1, 'pumping', 'en', 1000, 1, 61000, 'completed');
    INSERT INTO session_events (session_id, at, type, detail) VALUES
      (1, 1500, 'guide-viewed', '{"guide":"cradle"}'), (1, 1600, 'timer-started', '{"preset":"warm-compress-5"}');
  `);
    expect(indexes(db)).toContain('sessions_by_room_start');

    expect(migrate(db, [initialSchema, kioskState, timerKindsAndSides, reportIndexes])).toEqual({ from: 3, to: 4 });
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM session_events').pluck().get()).toBe(2);
    expect(indexes(db)).toEqual(
      expect.arrayContaining([
        'sessions_report',
        'sessions_by_room_start_end',
        'sessions_by_duration',
        'session_events_by_guide',
        'session_events_by_preset',
      ]),
    );
    expect(indexes(db)).not.toContain('sessions_by_room_start');
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join(' | ');
    // INDEXED BY fails to prepare when the index cannot serve the query: the partial expression indexes must match.
    expect(
      db
        .prepare(
          `SELECT json_extract(detail, '$.guide'), count(*) FROM session_events INDEXED BY session_events_by_guide
         WHERE type = 'guide-viewed' GROUP BY json_extract(detail, '$.guide')`,
        )
        .all(),
    ).toEqual([{ "json_extract(detail, '$.guide')": 'cradle', 'count(*)': 1 }]);
    expect(plan('SELECT max(ended_at - started_at) FROM sessions WHERE ended_at IS NOT NULL')).toMatch(
      /sessions_by_duration/,
    );
    expect(plan('SELECT started_at FROM sessions WHERE room_id = 1 AND started_at > 0')).toMatch(
      /COVERING INDEX sessions_by_room_start_end/,
    );
  },
);
