import type { KioskDatabase } from '../db/open-database';

/**
 * The SQL behind the usage export. Rows come out in start order through index scans that never sort, so
 * `iterate()` streams a million sessions in constant memory. Staff appear by staff number only.
 */

export interface ExportRange {
  /** UTC epoch ms: sessions that started in [start, end). */
  start: number;
  end: number;
  roomId: number | null;
}

/** uuid, room, kind, language, started_at, ended_at, duration_ms, end_reason, staff_number, guides, slides, timers, help */
export type SessionExportRow = [
  string,
  string,
  string,
  string,
  number,
  number | null,
  number | null,
  string | null,
  string,
  number,
  number,
  number,
  number,
];

// The event counts are kept on each session row as its events are written (migration 006): no join on events.
const SESSION_ROWS = `
  SELECT s.uuid, r.name, s.kind, s.language, s.started_at, s.ended_at, s.ended_at - s.started_at, s.end_reason,
         st.staff_number, s.guides_viewed, s.slides_viewed, s.timers_started, s.help_requests
  FROM sessions s INDEXED BY sessions_by_start
  JOIN rooms r ON r.id = s.room_id
  JOIN staff st ON st.id = s.started_by
  WHERE s.started_at >= @start AND s.started_at < @end AND (@room IS NULL OR s.room_id = @room)
  ORDER BY s.started_at, s.id`;

/** The session rows, streamed in index order (no temporary sort). */
export function iterateSessionRows(db: KioskDatabase, range: ExportRange): IterableIterator<SessionExportRow> {
  return db
    .prepare(SESSION_ROWS)
    .raw()
    .iterate({ start: range.start, end: range.end, room: range.roomId }) as IterableIterator<SessionExportRow>;
}

export function countSessionRows(db: KioskDatabase, range: ExportRange): number {
  return db
    .prepare(
      `SELECT count(*) FROM sessions INDEXED BY sessions_report
       WHERE started_at >= @start AND started_at < @end AND (@room IS NULL OR room_id = @room)`,
    )
    .pluck()
    .get({ start: range.start, end: range.end, room: range.roomId }) as number;
}

/** session uuid, room, at, type, detail (compact JSON text or null) */
export type EventExportRow = [string, string, number, string, string | null];

const EVENT_ROWS = `
  SELECT s.uuid, r.name, e.at, e.type, e.detail
  FROM sessions s INDEXED BY sessions_by_start
  JOIN rooms r ON r.id = s.room_id
  JOIN session_events e INDEXED BY session_events_by_session ON e.session_id = s.id
  WHERE s.started_at >= @start AND s.started_at < @end AND (@room IS NULL OR s.room_id = @room)
  ORDER BY s.started_at, s.id, e.at, e.id`;

/** Events of the sessions that started in the range (so the two exports of one range match up), streamed. */
export function iterateEventRows(db: KioskDatabase, range: ExportRange): IterableIterator<EventExportRow> {
  return db
    .prepare(EVENT_ROWS)
    .raw()
    .iterate({ start: range.start, end: range.end, room: range.roomId }) as IterableIterator<EventExportRow>;
}

export function countEventRows(db: KioskDatabase, range: ExportRange): number {
  return db
    .prepare(
      `SELECT count(*) FROM sessions s INDEXED BY sessions_by_start
       JOIN session_events e INDEXED BY session_events_by_session ON e.session_id = s.id
       WHERE s.started_at >= @start AND s.started_at < @end AND (@room IS NULL OR s.room_id = @room)`,
    )
    .pluck()
    .get({ start: range.start, end: range.end, room: range.roomId }) as number;
}

/** The query texts, for the benchmark that runs the same SQL through the sqlite3 command-line tool. */
export const EXPORT_SQL = { sessions: SESSION_ROWS, events: EVENT_ROWS } as const;
