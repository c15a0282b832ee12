import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CsvSeparator, ExportFormat, ExportSubject } from '../../../shared/domain';
import type { KioskDatabase } from '../db/open-database';
import {
  countEventRows,
  countSessionRows,
  iterateEventRows,
  iterateSessionCsvRecords,
  iterateSessionRows,
  type ExportRange,
  type SessionExportRow,
} from '../repositories/export-queries';
import { formatOffset, ZoneTime } from '../reports/zone-offsets';
import { createCsvFormatter, csvRecord } from './csv-writer';
import { EVENT_COLUMNS, SESSION_COLUMNS, columnWidth } from './export-columns';
import { textEncoder, type ExportEncoder } from './export-encoder';
import { createJsonFormatter } from './json-writer';
import type { CellValue } from './row-formatter';
import { createXlsxEncoder } from './xlsx-writer';

export interface ExportOptions extends ExportRange {
  what: ExportSubject;
  format: ExportFormat;
  /** CSV only; default ",". */
  separator?: CsvSeparator;
  timeZone: string;
}

export interface ExportControl {
  signal?: AbortSignal;
  /** Called now and then with rows written so far and the rows the export will hold. */
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
}

/** About 64 KB of output per chunk: few stream writes, flat memory. */
const CHUNK_SIZE = 64 * 1024;
const DAY = 86_400_000;

function encoderFor(options: ExportOptions): ExportEncoder {
  const columns = options.what === 'sessions' ? SESSION_COLUMNS : EVENT_COLUMNS;
  switch (options.format) {
    case 'csv':
      return textEncoder(createCsvFormatter(columns, options.separator ?? ','));
    case 'json':
      return textEncoder(createJsonFormatter(columns));
    case 'xlsx':
      return createXlsxEncoder(columns, { sheetName: options.what, widths: columns.map(columnWidth) });
  }
}

/**
 * Turns database rows into export cells: ISO times with the kiosk's offset, seconds, parsed detail for JSON.
 * The database iterator is opened on the first row asked for, so an export cancelled before it starts leaves no
 * statement holding the connection.
 */
function* rowsToCells(options: ExportOptions, zone: ZoneTime, db: KioskDatabase): Generator<CellValue[] | string> {
  const iso = (instant: number | null) => (instant === null ? null : zone.toIso(instant));
  if (options.what === 'sessions' && options.format === 'csv') {
    yield* sessionCsvRecords(options, zone, db);
    return;
  }
  if (options.what === 'sessions') {
    for (const row of iterateSessionRows(db, options)) yield sessionCells(row, zone);
    return;
  }
  const json = options.format === 'json';
  for (const row of iterateEventRows(db, options)) {
    const detail = row[4];
    yield [row[0], row[1], iso(row[2]), row[3], json && detail !== null ? (JSON.parse(detail) as CellValue) : detail];
  }
}

function sessionCells(row: SessionExportRow, zone: ZoneTime): CellValue[] {
  const iso = (instant: number | null) => (instant === null ? null : zone.toIso(instant));
  const durationMs = row[6];
  return [
    row[0],
    row[1],
    row[2],
    row[3],
    iso(row[4]),
    iso(row[5]),
    durationMs === null ? null : Math.round(durationMs / 1000),
    row[7],
    row[8],
    row[9],
    row[10],
    row[11],
    row[12],
  ];
}

/**
 * The session CSV's records as text: SQLite writes them (see iterateSessionCsvRecords); a row it hands back as JSON
 * (a room name with a comma, say) goes through the CSV writer like every row of the other formats.
 */
function* sessionCsvRecords(options: ExportOptions, zone: ZoneTime, db: KioskDatabase): Generator<string> {
  const separator = options.separator ?? ',';
  const spans = zone.segments.map((segment) => ({ ...segment, text: formatOffset(segment.offset) }));
  for (const record of iterateSessionCsvRecords(db, options, spans, separator)) {
    yield record.charCodeAt(0) === OPENING_BRACKET
      ? csvRecord(sessionCells(JSON.parse(record) as SessionExportRow, zone), separator)
      : record;
  }
}
const OPENING_BRACKET = 0x5b;

/**
 * Streams one export from the database to `writable`, in constant memory: rows come from `stmt.iterate()` and are
 * written in chunks, waiting whenever the destination is full. Reads one consistent snapshot (a read transaction),
 * so the row count reported up front is the count written. Use a connection of its own (the iterator holds it busy
 * until the export ends): better-sqlite3 refuses other statements on a connection with an open iterator.
 * Rejects with an AbortError when the signal fires; the caller decides what to do with a partial destination.
 */
export async function exportToStream(
  db: KioskDatabase,
  options: ExportOptions,
  writable: Writable,
  control: ExportControl = {},
): Promise<{ rows: number }> {
  control.signal?.throwIfAborted();
  const encoder = encoderFor(options);
  // Sessions end after they start: a few days of margin past the range keeps almost every end time on the fast path.
  const zone = new ZoneTime(options.timeZone, options.start - DAY, options.end + 3 * DAY);
  db.exec('BEGIN');
  try {
    const total = options.what === 'sessions' ? countSessionRows(db, options) : countEventRows(db, options);
    let done = 0;
    // Before the first progress call: a format that refuses this many rows does so before anything is sent.
    encoder.start(total);
    control.onProgress?.(0, total);
    const cells = rowsToCells(options, zone, db);
    async function* chunks(): AsyncGenerator<string | Uint8Array> {
      for (const values of cells) {
        if (typeof values === 'string') encoder.record(values);
        else encoder.row(values);
        done++;
        if (encoder.pendingSize() >= CHUNK_SIZE) {
          yield encoder.take();
          control.onProgress?.(done, total);
        }
      }
      encoder.end();
      const last = encoder.take();
      if (last.length > 0) yield last;
      control.onProgress?.(done, total);
    }
    await pipeline(Readable.from(chunks(), { objectMode: false }), writable, { signal: control.signal });
    return { rows: done };
  } finally {
    db.exec('COMMIT');
  }
}
