import { END_REASONS, LANGUAGES, SESSION_KINDS } from '../../../shared/domain';
import type { KioskDatabase } from '../db/open-database';
import { cachedStatement } from '../db/statement-cache';
import { readFleetLink } from './fleet-outbox-repository';
import type { SessionTotalsRow } from './report-queries';

/**
 * The per-UTC-day and per-(room, UTC day) rollups of ended sessions and the event counts on each session row
 * (migration 006): triggers keep them; this file reads them, and drops and recounts them around a bulk load.
 * Days are UTC days counted from 1970-01-01.
 */

const column = (prefix: string, word: string) => `${prefix}_${word.replaceAll('-', '_')}`;
const KIND_COLUMNS = SESSION_KINDS.map((kind) => column('kind', kind));
const REASON_COLUMNS = END_REASONS.map((reason) => column('reason', reason));
const LANGUAGE_COLUMNS = LANGUAGES.map((language) => column('language', language));
const COUNTERS = ['ended', 'duration_ms', ...KIND_COLUMNS, ...REASON_COLUMNS, ...LANGUAGE_COLUMNS];

/** One session's share of each counter, in SQL over a sessions row `s`. */
const SUMS = [
  '1',
  's.ended_at - s.started_at',
  ...SESSION_KINDS.map((kind) => `s.kind = '${kind}'`),
  ...END_REASONS.map((reason) => `s.end_reason = '${reason}'`),
  ...LANGUAGES.map((language) => `s.language = '${language}'`),
]
  .map((share) => `sum(${share})`)
  .join(', ');
/** Floored, as the triggers do, so a day is exactly [day × 24 h, (day + 1) × 24 h). */
const UTC_DAY = '((s.started_at - ((s.started_at % 86400000) + 86400000) % 86400000) / 86400000)';
const SUMMARIES: [string, string][] = [
  ['guides_viewed', 'guide-viewed'],
  ['slides_viewed', 'slide-viewed'],
  ['timers_started', 'timer-started'],
  ['help_requests', 'help-requested'],
];

/** The triggers that keep the rollups and summaries: a bulk load needs them all in place before it drops them. */
const ROLLUP_TRIGGERS = [
  'sessions_rollup_insert',
  'sessions_rollup_delete',
  'sessions_rollup_update_old',
  'sessions_rollup_update_new',
  'session_events_summary_insert',
  'session_events_summary_delete',
];

/** True while a bulk load has the triggers dropped and has not recounted: rollups and summaries are not to be read. */
export function bulkLoadPending(db: KioskDatabase): boolean {
  return cachedStatement(db, 'SELECT EXISTS (SELECT 1 FROM bulk_load)').pluck().get() === 1;
}

/** The tables a bulk load writes row by row: every trigger on them is dropped while it runs. */
const BULK_TABLES = ['sessions', 'session_events'];

/**
 * Drops every trigger on the bulk-loaded tables (the rollup and summary triggers, and the fleet outbox's), keeping
 * their definitions in bulk_load for finishBulkLoad (or for the next open, after a crash): the mere presence of a
 * trigger makes SQLite open a statement journal for every insert. A kiosk in a fleet is refused, since rows loaded
 * without the outbox's triggers would never reach the centre. Does nothing while a load is already pending. Run
 * inside the caller's transaction.
 */
export function beginBulkLoad(db: KioskDatabase): void {
  if (bulkLoadPending(db)) return;
  if (readFleetLink(db) !== undefined) {
    throw new Error('This kiosk belongs to a fleet: history cannot be loaded in bulk into it (leave the fleet first).');
  }
  const tables = BULK_TABLES.map(() => '?').join(', ');
  const triggers = db
    .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name IN (${tables}) ORDER BY name`)
    .all(...BULK_TABLES) as { name: string; sql: string }[];
  const names = new Set(triggers.map((trigger) => trigger.name));
  if (!ROLLUP_TRIGGERS.every((name) => names.has(name))) throw new Error('The rollup triggers are not all in place.');
  db.prepare('INSERT INTO bulk_load (id, triggers) VALUES (1, ?)').run(JSON.stringify(triggers.map((t) => t.sql)));
  for (const { name } of triggers) db.exec(`DROP TRIGGER "${name}"`);
}

/**
 * Recounts every session's event summary and both rollups in set-based passes, then recreates the triggers that
 * keep them from here on. Run inside the caller's transaction, so the recount and the triggers arrive together.
 */
export function finishBulkLoad(db: KioskDatabase): void {
  const stored = db.prepare('SELECT triggers FROM bulk_load').pluck().get() as string | undefined;
  if (stored === undefined) return;
  const names = COUNTERS.join(', ');
  db.exec(`
    UPDATE sessions SET (${SUMMARIES.map(([name]) => name).join(', ')}) = (
      SELECT ${SUMMARIES.map(([, type]) => `count(*) FILTER (WHERE type = '${type}')`).join(', ')}
      FROM session_events WHERE session_id = sessions.id);
    DELETE FROM session_days;
    DELETE FROM session_room_days;
    INSERT INTO session_days (day, ${names})
      SELECT ${UTC_DAY}, ${SUMS} FROM sessions s WHERE s.ended_at IS NOT NULL GROUP BY 1;
    INSERT INTO session_room_days (room_id, day, ${names})
      SELECT s.room_id, ${UTC_DAY}, ${SUMS} FROM sessions s WHERE s.ended_at IS NOT NULL GROUP BY 1, 2;
    DELETE FROM bulk_load;
  `);
  for (const definition of JSON.parse(stored) as string[]) db.exec(definition);
}

/** Totals of the sessions that started on UTC days [fromDay, toDay] and have ended (open ones are not counted). */
export function endedTotalsFromRollups(
  db: KioskDatabase,
  fromDay: number,
  toDay: number,
  roomId: number | null,
): SessionTotalsRow {
  const select = COUNTERS.map((name) => `coalesce(sum(${name}), 0) AS ${name}`).join(', ');
  const row = (
    roomId === null
      ? cachedStatement(db, `SELECT ${select} FROM session_days WHERE day BETWEEN ? AND ?`).get(fromDay, toDay)
      : cachedStatement(db, `SELECT ${select} FROM session_room_days WHERE room_id = ? AND day BETWEEN ? AND ?`).get(
          roomId,
          fromDay,
          toDay,
        )
  ) as Record<string, number>;
  return {
    sessions: row.ended!,
    ended: row.ended!,
    durationMs: row.duration_ms!,
    kinds: KIND_COLUMNS.map((name) => row[name]!),
    endReasons: REASON_COLUMNS.map((name) => row[name]!),
    languages: LANGUAGE_COLUMNS.map((name) => row[name]!),
  };
}

/** Kind and language of the sessions still open that started in [start, end): at most one per room. */
export function openSessionsStartedIn(
  db: KioskDatabase,
  start: number,
  end: number,
  roomId: number | null,
): { kind: string; language: string }[] {
  return cachedStatement(
    db,
    `SELECT kind, language FROM sessions INDEXED BY sessions_one_open_per_room
     WHERE ended_at IS NULL AND started_at >= @start AND started_at < @end AND (@room IS NULL OR room_id = @room)`,
  ).all({ start, end, room: roomId }) as { kind: string; language: string }[];
}
