import type { Migration } from './migration';

/**
 * Totals that do not grow with history, and an export that does not read events:
 *
 * - session_days and session_room_days hold, per UTC day (and per room and UTC day), the totals staff reports count
 *   for ended sessions: how many, their summed duration, and counts by kind, end reason and language. Triggers keep
 *   them in the same transaction as every write to sessions (an end, a retention purge). UTC days need no time zone:
 *   a report's local days are its whole UTC days from the rollups plus its two partial days from the sessions, so a
 *   zone change rebuilds nothing and opening a database computes no offsets.
 * - guides_viewed, slides_viewed, timers_started and help_requests on each session row count its events as they are
 *   written (a trigger on session_events), so the sessions export reads one row per session and no event.
 * - bulk_load holds the definitions of these triggers while a bulk load of history (the seed tool) has them dropped:
 *   the mere presence of a trigger makes SQLite open a statement journal for every insert (about 5× the load's time
 *   even when its WHEN is false), so the load drops them, writes, recounts everything in set-based passes and
 *   recreates them from here; a load cut short is finished the same way when the kiosk next opens.
 * - session_events_by_session_type covers the count of a session's events by type.
 */
const KINDS = ['breastfeeding', 'pumping', 'hand-expression'];
const REASONS = ['completed', 'staff-ended', 'auto-closed', 'recovered'];
const LANGUAGES = ['en', 'es'];
const column = (prefix: string, word: string) => `${prefix}_${word.replaceAll('-', '_')}`;

/** The rollup's counters, each with the SQL that gives one session's share (`row` is new, old or a table alias). */
const counters = (row: string): [string, string][] => [
  ['ended', '1'],
  ['duration_ms', `${row}.ended_at - ${row}.started_at`],
  ...KINDS.map((kind): [string, string] => [column('kind', kind), `${row}.kind = '${kind}'`]),
  ...REASONS.map((reason): [string, string] => [column('reason', reason), `${row}.end_reason = '${reason}'`]),
  ...LANGUAGES.map((language): [string, string] => [column('language', language), `${row}.language = '${language}'`]),
];
const NAMES = counters('new')
  .map(([name]) => name)
  .join(', ');
const COUNTER_COLUMNS = counters('new')
  .map(([name]) => `${name} INTEGER NOT NULL DEFAULT 0`)
  .join(',\n        ');

/** The UTC day (days since 1970-01-01, floored) a session started on. */
const utcDay = (row: string) =>
  `((${row}.started_at - ((${row}.started_at % 86400000) + 86400000) % 86400000) / 86400000)`;

/** Adds (sign 1) or removes (sign -1) one ended session's share in both rollups. */
function apply(row: string, sign: 1 | -1): string {
  const shares = counters(row);
  const values = shares.map(([, share]) => (sign === 1 ? `(${share})` : `-(${share})`)).join(', ');
  const add = shares.map(([name]) => `${name} = ${name} + excluded.${name}`).join(', ');
  return `
      INSERT INTO session_days (day, ${NAMES}) VALUES (${utcDay(row)}, ${values})
        ON CONFLICT (day) DO UPDATE SET ${add};
      INSERT INTO session_room_days (room_id, day, ${NAMES}) VALUES (${row}.room_id, ${utcDay(row)}, ${values})
        ON CONFLICT (room_id, day) DO UPDATE SET ${add};`;
}

const SUMMARY_TYPES: [string, string][] = [
  ['guides_viewed', 'guide-viewed'],
  ['slides_viewed', 'slide-viewed'],
  ['timers_started', 'timer-started'],
  ['help_requests', 'help-requested'],
];
const SUMMARY_TYPE_LIST = SUMMARY_TYPES.map(([, type]) => `'${type}'`).join(', ');
const sums = counters('s')
  .map(([, share]) => `sum(${share})`)
  .join(', ');

export const sessionRollups: Migration = {
  version: 6,
  name: 'session rollups and summaries',
  up(db) {
    db.exec(`
      CREATE TABLE bulk_load (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        triggers TEXT NOT NULL CHECK (json_valid(triggers))
      ) STRICT;
      CREATE TABLE session_days (
        day INTEGER PRIMARY KEY,
        ${COUNTER_COLUMNS}
      ) STRICT;
      CREATE TABLE session_room_days (
        room_id INTEGER NOT NULL,
        day INTEGER NOT NULL,
        ${COUNTER_COLUMNS},
        PRIMARY KEY (room_id, day)
      ) STRICT;
      INSERT INTO session_days (day, ${NAMES})
        SELECT ${utcDay('s')}, ${sums} FROM sessions s WHERE s.ended_at IS NOT NULL GROUP BY 1;
      INSERT INTO session_room_days (room_id, day, ${NAMES})
        SELECT s.room_id, ${utcDay('s')}, ${sums} FROM sessions s WHERE s.ended_at IS NOT NULL GROUP BY 1, 2;

      CREATE TRIGGER sessions_rollup_insert AFTER INSERT ON sessions
        WHEN new.ended_at IS NOT NULL
      BEGIN ${apply('new', 1)}
      END;
      CREATE TRIGGER sessions_rollup_delete AFTER DELETE ON sessions
        WHEN old.ended_at IS NOT NULL
      BEGIN ${apply('old', -1)}
      END;
      CREATE TRIGGER sessions_rollup_update_old AFTER UPDATE OF started_at, ended_at, room_id, kind, language, end_reason
        ON sessions WHEN old.ended_at IS NOT NULL
      BEGIN ${apply('old', -1)}
      END;
      CREATE TRIGGER sessions_rollup_update_new AFTER UPDATE OF started_at, ended_at, room_id, kind, language, end_reason
        ON sessions WHEN new.ended_at IS NOT NULL
      BEGIN ${apply('new', 1)}
      END;

      ${SUMMARY_TYPES.map(([name]) => `ALTER TABLE sessions ADD COLUMN ${name} INTEGER NOT NULL DEFAULT 0;`).join('\n      ')}
      CREATE INDEX session_events_by_session_type ON session_events (session_id, type);
      UPDATE sessions SET (${SUMMARY_TYPES.map(([name]) => name).join(', ')}) = (
        SELECT ${SUMMARY_TYPES.map(([, type]) => `count(*) FILTER (WHERE type = '${type}')`).join(', ')}
        FROM session_events WHERE session_id = sessions.id)
      WHERE id IN (SELECT session_id FROM session_events);
      CREATE TRIGGER session_events_summary_insert AFTER INSERT ON session_events
        WHEN new.type IN (${SUMMARY_TYPE_LIST})
      BEGIN
        UPDATE sessions SET ${SUMMARY_TYPES.map(([name, type]) => `${name} = ${name} + (new.type = '${type}')`).join(', ')}
        WHERE id = new.session_id;
      END;
      CREATE TRIGGER session_events_summary_delete AFTER DELETE ON session_events
        WHEN old.type IN (${SUMMARY_TYPE_LIST})
      BEGIN
        UPDATE sessions SET ${SUMMARY_TYPES.map(([name, type]) => `${name} = ${name} - (old.type = '${type}')`).join(', ')}
        WHERE id = old.session_id;
      END;
    `);
  },
};
