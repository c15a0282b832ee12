import { END_REASONS, LANGUAGES, SESSION_KINDS } from '../../../shared/domain';
import type { KioskDatabase } from '../db/open-database';
import { cachedStatement } from '../db/statement-cache';
import type { SessionTotalsRow } from './report-queries';

/**
 * The per-day and per-(room, day) rollups of ended sessions (migration 006): triggers keep them; this file builds
 * them for a time zone, idles them, and reads them. Days are local days counted from 1970-01-01.
 */

const column = (prefix: string, word: string) => `${prefix}_${word.replaceAll('-', '_')}`;
const KIND_COLUMNS = SESSION_KINDS.map((kind) => column('kind', kind));
const REASON_COLUMNS = END_REASONS.map((reason) => column('reason', reason));
const LANGUAGE_COLUMNS = LANGUAGES.map((language) => column('language', language));
const COUNTERS = ['ended', 'duration_ms', ...KIND_COLUMNS, ...REASON_COLUMNS, ...LANGUAGE_COLUMNS];

/** The time zone the rollups are kept for, or null while they are idle. */
export function readRollupZone(db: KioskDatabase): string | null {
  return (cachedStatement(db, 'SELECT time_zone FROM rollup_zone').pluck().get() as string | undefined) ?? null;
}

/** Stops the triggers (e.g. before a bulk load); reports count from the sessions until the next rebuild. */
export function idleRollups(db: KioskDatabase): void {
  db.prepare('DELETE FROM rollup_zone').run();
}

/** One session's share of each counter, in SQL over a sessions row `s`. */
const shares = [
  '1',
  's.ended_at - s.started_at',
  ...SESSION_KINDS.map((kind) => `s.kind = '${kind}'`),
  ...END_REASONS.map((reason) => `s.end_reason = '${reason}'`),
  ...LANGUAGES.map((language) => `s.language = '${language}'`),
];
const sums = shares.map((share) => `sum(${share})`).join(', ');
const LOCAL_DAY =
  '(s.started_at + (SELECT offset_ms FROM zone_segments WHERE start <= s.started_at ORDER BY start DESC LIMIT 1)) / 86400000';

/**
 * Rebuilds both rollups for a zone from every ended session, given the zone's offsets as segments (the first one
 * covering everything before it). Run inside the caller's transaction.
 */
export function rebuildRollups(
  db: KioskDatabase,
  timeZone: string,
  segments: readonly { start: number; offset: number }[],
): void {
  db.exec(
    'DELETE FROM rollup_zone; DELETE FROM zone_segments; DELETE FROM session_days; DELETE FROM session_room_days',
  );
  const segment = db.prepare('INSERT INTO zone_segments (start, offset_ms) VALUES (?, ?)');
  for (const { start, offset } of segments) segment.run(start, offset);
  const names = COUNTERS.join(', ');
  db.exec(`
    INSERT INTO session_days (day, ${names})
      SELECT day, ${sums} FROM (SELECT ${LOCAL_DAY} AS day, s.* FROM sessions s
        WHERE s.ended_at IS NOT NULL) s GROUP BY day;
    INSERT INTO session_room_days (room_id, day, ${names})
      SELECT room_id, day, ${sums} FROM (SELECT ${LOCAL_DAY} AS day, s.* FROM sessions s
        WHERE s.ended_at IS NOT NULL) s GROUP BY room_id, day;
  `);
  db.prepare('INSERT INTO rollup_zone (id, time_zone) VALUES (1, ?)').run(timeZone);
}

/** Totals of the sessions that started on local days [fromDay, toDay] and have ended (open ones are not counted). */
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
