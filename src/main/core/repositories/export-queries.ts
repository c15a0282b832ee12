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

/** A span of constant UTC offset in the kiosk's zone: [start, end) in UTC epoch ms, the offset in ms and as "+hh:mm". */
export interface OffsetSpan {
  start: number;
  end: number;
  offset: number;
  text: string;
}

/** Characters that make a CSV text field need more than plain quoting, except "-", which matters only first. */
const NEEDS_MORE_THAN_QUOTES = '*[=+@,;"\t\r\n]*';

/** A CASE that picks a span's value for an instant column by halving the spans: a handful of comparisons per row. */
function bySpan(column: string, spans: readonly OffsetSpan[], value: (span: OffsetSpan) => string): string {
  if (spans.length === 1) return value(spans[0]!);
  const middle = spans.length >> 1;
  return (
    `CASE WHEN ${column} < ${spans[middle]!.start} THEN ${bySpan(column, spans.slice(0, middle), value)} ` +
    `ELSE ${bySpan(column, spans.slice(middle), value)} END`
  );
}

/** Local time to the second with its offset, as ZoneTime.toIso writes it: 2026-11-01T01:50:00-04:00. */
function isoSql(column: string, spans: readonly OffsetSpan[]): string {
  const offset = bySpan(column, spans, (span) => String(span.offset));
  const text = bySpan(column, spans, (span) => `'${span.text}'`);
  return `strftime('%Y-%m-%dT%H:%M:%S', (${column} + ${offset}) / 1000, 'unixepoch') || ${text}`;
}

/**
 * The session export's CSV records, written by SQLite itself: one text per row instead of thirteen values to hand
 * to JavaScript, which was most of the export's cost. A record is exactly what the CSV writer would write (the
 * export tests compare both). A row the SQL cannot write exactly comes back as the JSON array of its
 * SessionExportRow instead (it starts with "[", a record with '"'), for the CSV writer to format: a text needing
 * more than plain quoting (a room name with a comma, a quote, a formula start), or a time outside `spans`.
 * kind, end_reason and staff_number need no such test: the schema's CHECKs allow only plain words and digits.
 */
export function iterateSessionCsvRecords(
  db: KioskDatabase,
  range: ExportRange,
  spans: readonly OffsetSpan[],
  separator: ',' | ';',
): IterableIterator<string> {
  for (const span of spans) {
    // Inlined into the SQL below: only integers and "+hh:mm" texts may be.
    if (![span.start, span.end, span.offset].every(Number.isSafeInteger) || !/^[+-]\d\d:\d\d$/.test(span.text)) {
      throw new Error(`Not an offset span: ${JSON.stringify(span)}`);
    }
  }
  const plain = (column: string) => `${column} NOT GLOB @needsMore AND ${column} NOT GLOB '-*'`;
  const sql = `
    SELECT CASE
      WHEN ${plain('s.uuid')} AND ${plain('r.name')} AND ${plain('s.language')}
           AND s.started_at >= @spansStart AND coalesce(s.ended_at, s.started_at) < @spansEnd
      THEN '"' || s.uuid || @q || r.name || @q || s.kind || @q || s.language || @q
           || ${isoSql('s.started_at', spans)} || '"' || @sep
           || coalesce('"' || ${isoSql('s.ended_at', spans)} || '"', '') || @sep
           || coalesce((s.ended_at - s.started_at + 500) / 1000, '') || @sep
           || coalesce('"' || s.end_reason || '"', '') || @sep || '"' || st.staff_number || '"' || @sep
           || s.guides_viewed || @sep || s.slides_viewed || @sep || s.timers_started || @sep || s.help_requests
           || char(13, 10)
      ELSE json_array(s.uuid, r.name, s.kind, s.language, s.started_at, s.ended_at, s.ended_at - s.started_at,
                      s.end_reason, st.staff_number, s.guides_viewed, s.slides_viewed, s.timers_started,
                      s.help_requests)
    END
    FROM sessions s INDEXED BY sessions_by_start
    JOIN rooms r ON r.id = s.room_id
    JOIN staff st ON st.id = s.started_by
    WHERE s.started_at >= @start AND s.started_at < @end AND (@room IS NULL OR s.room_id = @room)
    ORDER BY s.started_at, s.id`;
  return db
    .prepare(sql)
    .pluck()
    .iterate({
      start: range.start,
      end: range.end,
      room: range.roomId,
      needsMore: NEEDS_MORE_THAN_QUOTES,
      // Past 1970-01-02 only: SQL's integer division rounds toward zero where the writer rounds down.
      spansStart: Math.max(spans[0]?.start ?? 0, 86_400_000),
      spansEnd: spans.at(-1)?.end ?? 0,
      sep: separator,
      q: `"${separator}"`,
    }) as IterableIterator<string>;
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
