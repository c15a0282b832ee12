import { expect } from 'vitest';
import { insertRoomAndNurse } from '../../testing/old-schema-rows';
import { emptyDbTest } from '../../testing/temp-database';
import { migrate, schemaVersion } from '../migrate';
import { initialSchema } from './001-initial-schema';
import { kioskState } from './002-kiosk-state';
import { timerKindsAndSides } from './003-timer-kinds-and-sides';
import { reportIndexes } from './004-report-indexes';
import { staffBadges } from './005-staff-badges';
import { sessionRollups } from './006-session-rollups';

const before = [initialSchema, kioskState, timerKindsAndSides, reportIndexes, staffBadges];

emptyDbTest(
  'upgrades a version-5 database: counts each session’s events onto its row and its totals by UTC day, then keeps them',
  ({ db }) => {
    migrate(db, before);
    insertRoomAndNurse(db);
    db.exec(`
    INSERT INTO sessions (uuid, room_id, kind, language, started_at, started_by, ended_at, end_reason)
      VALUES ('00000000-0000-4000-8000-000000000001', 1, 'pumping', 'es', 1000, 1, 61000, 'completed');
    INSERT INTO session_events (session_id, at, type, detail) VALUES
      (1, 1500, 'guide-viewed', '{"guide":"cradle"}'), (1, 1600, 'guide-viewed', '{"guide":"football"}'),
      (1, 1700, 'help-requested', NULL), (1, 1800, 'language-changed', '{"language":"es"}');
  `);
    expect(migrate(db, [...before, sessionRollups])).toEqual({ from: 5, to: 6 });
    expect(schemaVersion(db)).toBe(6);
    const summary = () =>
      db.prepare('SELECT guides_viewed, slides_viewed, timers_started, help_requests FROM sessions WHERE id = 1').get();
    expect(summary()).toEqual({ guides_viewed: 2, slides_viewed: 0, timers_started: 0, help_requests: 1 });
    db.prepare("INSERT INTO session_events (session_id, at, type) VALUES (1, 1900, 'slide-viewed')").run();
    expect(summary()).toMatchObject({ slides_viewed: 1 });
    const day = (number: number) =>
      db.prepare('SELECT ended, duration_ms, kind_pumping, language_es FROM session_days WHERE day = ?').get(number);
    expect(day(0)).toEqual({ ended: 1, duration_ms: 60000, kind_pumping: 1, language_es: 1 });

    db.exec(`
    INSERT INTO sessions (uuid, room_id, kind, language, started_at, started_by, ended_at, end_reason)
      VALUES ('00000000-0000-4000-8000-000000000002', 1, 'breastfeeding', 'en', 86399999, 1, 86459999, 'auto-closed');
    INSERT INTO sessions (uuid, room_id, kind, language, started_at, started_by)
      VALUES ('00000000-0000-4000-8000-000000000003', 1, 'pumping', 'en', 86400000, 1);
    INSERT INTO sessions (uuid, room_id, kind, language, started_at, started_by, ended_at, end_reason)
      VALUES ('00000000-0000-4000-8000-000000000004', 1, 'pumping', 'en', -1, 1, 59999, 'recovered');
  `);
    // The last millisecond of 1 January 1970 UTC is day 0; the millisecond before 1970 is day -1.
    expect(
      db.prepare('SELECT day, ended, kind_breastfeeding, reason_auto_closed FROM session_days ORDER BY day').all(),
    ).toEqual([
      { day: -1, ended: 1, kind_breastfeeding: 0, reason_auto_closed: 0 },
      { day: 0, ended: 2, kind_breastfeeding: 1, reason_auto_closed: 1 },
    ]);
    db.prepare("UPDATE sessions SET ended_at = 87000000, end_reason = 'completed' WHERE id = 3").run();
    expect(
      db.prepare('SELECT ended, duration_ms, kind_pumping FROM session_room_days WHERE room_id = 1 AND day = 1').get(),
    ).toEqual({ ended: 1, duration_ms: 600000, kind_pumping: 1 });
    db.prepare('DELETE FROM sessions WHERE id = 2').run();
    expect(day(0)).toEqual({ ended: 1, duration_ms: 60000, kind_pumping: 1, language_es: 1 });

    expect(db.prepare('SELECT count(*) FROM bulk_load').pluck().get()).toBe(0);
    expect(() => db.exec(`INSERT INTO bulk_load (id, triggers) VALUES (1, 'not json')`)).toThrow(/CHECK/);

    const plan = (
      db.prepare(`EXPLAIN QUERY PLAN SELECT type FROM session_events WHERE session_id = 1`).all() as {
        detail: string;
      }[]
    ).map((row) => row.detail);
    expect(plan.join()).toMatch(/COVERING INDEX session_events_by_session_type/);
  },
);
