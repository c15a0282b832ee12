import { END_REASONS, LANGUAGES, SESSION_KINDS } from '../../../shared/domain';
import type { KioskDatabase } from '../db/open-database';

/**
 * The SQL behind staff reports. Every query reads an index in order (see migration 004) and never sorts the
 * sessions of the range: SQLite groups by sorting, which costs ~0.4 s per million rows. Times are UTC epoch ms;
 * local days and hours arrive here as ready-made UTC bounds.
 */

/** A SQL literal for one of the domain's fixed words (they are constants, never user input). */
function word(value: string): string {
  if (!/^[a-z-]+$/.test(value)) throw new Error(`not a domain word: ${value}`);
  return `'${value}'`;
}

const totalsColumns = [
  'count(*) AS sessions',
  'count(ended_at) AS ended',
  'coalesce(sum(ended_at - started_at), 0) AS durationMs',
  ...SESSION_KINDS.map((kind, index) => `sum(kind = ${word(kind)}) AS kind${index}`),
  ...END_REASONS.map((reason, index) => `sum(end_reason = ${word(reason)}) AS reason${index}`),
  ...LANGUAGES.map((language, index) => `sum(language = ${word(language)}) AS language${index}`),
].join(', ');

export interface SessionTotalsRow {
  sessions: number;
  ended: number;
  durationMs: number;
  kinds: number[];
  endReasons: number[];
  languages: number[];
}

/** Counts and summed duration of sessions that started in [start, end), in one pass over a covering index. */
export function sessionTotals(db: KioskDatabase, start: number, end: number, roomId: number | null): SessionTotalsRow {
  const row = db
    .prepare(
      `SELECT ${totalsColumns} FROM sessions INDEXED BY sessions_report
       WHERE started_at >= @start AND started_at < @end AND (@room IS NULL OR room_id = @room)`,
    )
    .get({ start, end, room: roomId }) as Record<string, number | null>;
  const pick = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, index) => row[`${prefix}${index}`] ?? 0);
  return {
    sessions: row.sessions ?? 0,
    ended: row.ended ?? 0,
    durationMs: row.durationMs ?? 0,
    kinds: pick('kind', SESSION_KINDS.length),
    endReasons: pick('reason', END_REASONS.length),
    languages: pick('language', LANGUAGES.length),
  };
}

/**
 * Sessions started in each [start, end) bucket (local hours, in practice). One index seek per bucket: ~3 µs each,
 * so a year of hours costs ~30 ms however many sessions it holds.
 */
export function countSessionsInBuckets(
  db: KioskDatabase,
  buckets: readonly (readonly [number, number])[],
  roomId: number | null,
): number[] {
  const sql =
    roomId === null
      ? `SELECT (SELECT count(*) FROM sessions INDEXED BY sessions_by_start
                 WHERE started_at >= value ->> 0 AND started_at < value ->> 1)
         FROM json_each(@buckets) ORDER BY key`
      : `SELECT (SELECT count(*) FROM sessions INDEXED BY sessions_by_room_start_end
                 WHERE room_id = @room AND started_at >= value ->> 0 AND started_at < value ->> 1)
         FROM json_each(@buckets) ORDER BY key`;
  return db
    .prepare(sql)
    .pluck()
    .all({ buckets: JSON.stringify(buckets), ...(roomId === null ? {} : { room: roomId }) }) as number[];
}

/** Below this many ended sessions the median is found by sorting their durations here; above, through an index. */
const SMALL_MEDIAN = 50_000;

/** The median duration (ms) of sessions that started in [start, end) and have ended; null when none. */
export function medianDurationMs(
  db: KioskDatabase,
  start: number,
  end: number,
  roomId: number | null,
  endedCount: number,
  smallLimit = SMALL_MEDIAN,
): number | null {
  if (endedCount === 0) return null;
  const params = { start, end, room: roomId };
  let middle: number[];
  if (endedCount <= smallLimit) {
    const durations = Float64Array.from(
      db
        .prepare(
          `SELECT ended_at - started_at FROM sessions INDEXED BY sessions_report
           WHERE started_at >= @start AND started_at < @end AND ended_at IS NOT NULL
             AND (@room IS NULL OR room_id = @room)`,
        )
        .pluck()
        .all(params) as number[],
    ).sort();
    const half = Math.floor((durations.length - 1) / 2);
    middle = Array.from(durations.subarray(half, durations.length % 2 === 0 ? half + 2 : half + 1));
  } else {
    middle = db
      .prepare(
        `SELECT ended_at - started_at FROM sessions INDEXED BY sessions_by_duration
         WHERE ended_at IS NOT NULL AND started_at >= @start AND started_at < @end
           AND (@room IS NULL OR room_id = @room)
         ORDER BY ended_at - started_at LIMIT @take OFFSET @skip`,
      )
      .pluck()
      .all({ ...params, take: endedCount % 2 === 0 ? 2 : 1, skip: Math.floor((endedCount - 1) / 2) }) as number[];
  }
  if (middle.length === 0) return null;
  return middle.reduce((sum, value) => sum + value, 0) / middle.length;
}

/**
 * How far before a range a session that still overlaps it may have started: the longest ended session, or the
 * oldest open one. Read from indexes, so occupancy needs no scan of older history.
 */
export function overlapLookback(db: KioskDatabase, start: number): number {
  const longest = db
    .prepare(
      'SELECT max(ended_at - started_at) FROM sessions INDEXED BY sessions_by_duration WHERE ended_at IS NOT NULL',
    )
    .pluck()
    .get() as number | null;
  // At most one open session per room: the partial unique index lists them without reading history.
  const oldestOpen = db
    .prepare('SELECT min(started_at) FROM sessions INDEXED BY sessions_one_open_per_room WHERE ended_at IS NULL')
    .pluck()
    .get() as number | null;
  return Math.min(start - (longest ?? 0), oldestOpen ?? Number.POSITIVE_INFINITY);
}

export interface ReportRoomRow {
  id: number;
  name: string;
  active: boolean;
}

/** Active rooms, and inactive ones that were used in the range; one room when a report is for one room. */
export function roomsForReport(
  db: KioskDatabase,
  lookback: number,
  end: number,
  roomId: number | null,
): ReportRoomRow[] {
  const rows = db
    .prepare(
      `SELECT id, name, active FROM rooms
       WHERE (@room IS NULL OR id = @room)
         AND (active = 1 OR @room IS NOT NULL OR EXISTS (
           SELECT 1 FROM sessions INDEXED BY sessions_by_room_start_end
           WHERE room_id = rooms.id AND started_at >= @lookback AND started_at < @end))
       ORDER BY sort_order, id`,
    )
    .all({ room: roomId, lookback, end }) as { id: number; name: string; active: number }[];
  return rows.map((row) => ({ id: row.id, name: row.name, active: row.active === 1 }));
}

/**
 * For one room: sessions started in [start, end), and the time (ms) any session occupied it within [start, end).
 * A session still open counts as occupying until `now`.
 */
export function roomUse(
  db: KioskDatabase,
  roomId: number,
  range: { start: number; end: number; lookback: number; now: number },
): { sessions: number; occupiedMs: number } {
  return db
    .prepare(
      `SELECT
         coalesce(sum(started_at >= @start), 0) AS sessions,
         coalesce(sum(max(0, min(coalesce(ended_at, @now), @end) - max(started_at, @start))), 0) AS occupiedMs
       FROM sessions INDEXED BY sessions_by_room_start_end
       WHERE room_id = @room AND started_at >= @lookback AND started_at < @end`,
    )
    .get({ room: roomId, ...range }) as { sessions: number; occupiedMs: number };
}

type KeyedEvent = 'guide' | 'preset';
const KEYED_EVENTS: Record<KeyedEvent, { type: string; index: string; path: string }> = {
  guide: { type: 'guide-viewed', index: 'session_events_by_guide', path: '$.guide' },
  preset: { type: 'timer-started', index: 'session_events_by_preset', path: '$.preset' },
};

/**
 * Events of one type with `at` in [start, end), counted by a detail field (guide id, timer preset). Without a room:
 * a skip-scan over the distinct ids of the partial index, then one range count per id. For one room: through that
 * room's sessions (a room holds at most a few thousand a year).
 */
export function countEventsByKey(
  db: KioskDatabase,
  key: KeyedEvent,
  range: { start: number; end: number; lookback: number },
  roomId: number | null,
): { key: string; count: number }[] {
  const { type, index, path } = KEYED_EVENTS[key];
  const extract = `json_extract(detail, '${path}')`;
  if (roomId === null) {
    return db
      .prepare(
        `WITH RECURSIVE keys(key) AS (
           SELECT min(${extract}) FROM session_events INDEXED BY ${index} WHERE type = '${type}'
           UNION ALL
           SELECT (SELECT min(${extract}) FROM session_events INDEXED BY ${index}
                   WHERE type = '${type}' AND ${extract} > keys.key)
           FROM keys WHERE keys.key IS NOT NULL)
         SELECT key, (SELECT count(*) FROM session_events INDEXED BY ${index}
                      WHERE type = '${type}' AND ${extract} = keys.key AND at >= @start AND at < @end) AS count
         FROM keys WHERE key IS NOT NULL`,
      )
      .all({ start: range.start, end: range.end }) as { key: string; count: number }[];
  }
  return db
    .prepare(
      `SELECT json_extract(e.detail, '${path}') AS key, count(*) AS count
       FROM sessions s INDEXED BY sessions_by_room_start_end
       CROSS JOIN session_events e INDEXED BY session_events_by_session
       WHERE s.room_id = @room AND s.started_at >= @lookback AND s.started_at < @end
         AND e.session_id = s.id AND e.at >= @start AND e.at < @end AND e.type = '${type}' AND key IS NOT NULL
       GROUP BY key`,
    )
    .all({ room: roomId, ...range }) as { key: string; count: number }[];
}

/** Events of one type with `at` in [start, end) (e.g. help requests). */
export function countEvents(
  db: KioskDatabase,
  type: string,
  range: { start: number; end: number; lookback: number },
  roomId: number | null,
): number {
  if (roomId === null) {
    return db
      .prepare(
        `SELECT count(*) FROM session_events INDEXED BY session_events_by_type_time
         WHERE type = @type AND at >= @start AND at < @end`,
      )
      .pluck()
      .get({ type, start: range.start, end: range.end }) as number;
  }
  return db
    .prepare(
      `SELECT count(*) FROM sessions s INDEXED BY sessions_by_room_start_end
       CROSS JOIN session_events e INDEXED BY session_events_by_session
       WHERE s.room_id = @room AND s.started_at >= @lookback AND s.started_at < @end
         AND e.session_id = s.id AND e.at >= @start AND e.at < @end AND e.type = @type`,
    )
    .pluck()
    .get({ type, room: roomId, ...range }) as number;
}

/** When the first and the last session (of a room, or of the kiosk) started; null when there is none. Two index seeks. */
export function sessionStartBounds(db: KioskDatabase, roomId: number | null): { first: number; last: number } | null {
  const where = roomId === null ? '' : 'WHERE room_id = @room';
  const row = db
    .prepare(
      `SELECT (SELECT MIN(started_at) FROM sessions ${where}) AS first, (SELECT MAX(started_at) FROM sessions ${where}) AS last`,
    )
    .get(roomId === null ? {} : { room: roomId }) as { first: number | null; last: number | null };
  return row.first === null || row.last === null ? null : { first: row.first, last: row.last };
}

export function roomExists(db: KioskDatabase, roomId: number): boolean {
  return db.prepare('SELECT 1 FROM rooms WHERE id = ?').get(roomId) !== undefined;
}
