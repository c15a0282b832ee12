import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import type { CsvSeparator, ExportFormat, ExportSubject } from '../../shared/domain';
import { csvRecord, UTF8_BOM } from '../core/export/csv-writer';
import { EVENT_COLUMNS, SESSION_COLUMNS, columnWidth } from '../core/export/export-columns';
import { textEncoder, type ExportEncoder } from '../core/export/export-encoder';
import { createJsonFormatter } from '../core/export/json-writer';
import type { CellValue } from '../core/export/row-formatter';
import { createXlsxEncoder } from '../core/export/xlsx-writer';
import { partialPathBeside } from '../core/reliability/durable-files';
import type { CentralConnection } from './central/central-connection';
import { copyFleetCells } from './central/fleet-cell-copy';
import type { FleetRange } from './central/fleet-copy-sql';
import { copyFleetEvents } from './central/fleet-event-copy';
import { assertReporter } from './central/fleet-reporter';
import { copyFleetSessions } from './central/fleet-session-copy';
import { CopyTextToCrlfLines } from './copy-text-lines';

/** The fleet export's columns: the kiosk's name, then exactly the single-kiosk export's columns. */
export const FLEET_SESSION_COLUMNS = ['kiosk', ...SESSION_COLUMNS] as const;
export const FLEET_EVENT_COLUMNS = ['kiosk', ...EVENT_COLUMNS] as const;

export interface FleetUsageExportOptions extends FleetRange {
  what: ExportSubject;
  format: ExportFormat;
  /** CSV only; default ",". */
  separator?: CsvSeparator;
}

/** About 64 KB of output per write, as the kiosk's own export. */
const CHUNK_SIZE = 64 * 1024;
/** The events' detail column, after the kiosk's name. */
const DETAIL = FLEET_EVENT_COLUMNS.indexOf('detail');

/**
 * Every kiosk's sessions or events of sessions that started in [start, end), as the kiosk's own export writes them
 * (docs/EXPORT.md) with the kiosk's name first, times with the offset of `timeZone`. CSV: Node writes the BOM and the
 * header, PostgreSQL each record in the COPY's query (same quoting and formula guard), and Node only ends records
 * with CRLF. XLSX and JSON: PostgreSQL writes each row's cells as JSON, and the kiosk's own XLSX and JSON writers
 * turn them into the file, so the formats are the same code. Written to a partial file that replaces `path` only
 * when complete; refused before anything is written for a role that is not a reporter. With `unit`, only the rows
 * of that unit's kiosks.
 */
export async function exportFleetUsage(
  sql: CentralConnection,
  options: FleetUsageExportOptions,
  path: string,
): Promise<{ rows: number }> {
  await assertReporter(sql);
  const partial = partialPathBeside(path);
  const file = createWriteStream(partial, { flags: 'wx', flush: true });
  try {
    await once(file, 'open');
    const rows = options.format === 'csv' ? await writeCsv(sql, options, file) : await writeCells(sql, options, file);
    await rename(partial, path);
    return { rows };
  } catch (error) {
    file.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}

function writeCsv(sql: CentralConnection, options: FleetUsageExportOptions, file: Writable): Promise<number> {
  const separator = options.separator ?? ',';
  const columns = options.what === 'sessions' ? FLEET_SESSION_COLUMNS : FLEET_EVENT_COLUMNS;
  file.write(UTF8_BOM + csvRecord(columns, separator));
  const copy = options.what === 'sessions' ? copyFleetSessions : copyFleetEvents;
  return copy(sql, { ...options, separator }, (records) => pipeline(records, new CopyTextToCrlfLines(), file));
}

async function writeCells(sql: CentralConnection, options: FleetUsageExportOptions, file: Writable): Promise<number> {
  const columns = options.what === 'sessions' ? FLEET_SESSION_COLUMNS : FLEET_EVENT_COLUMNS;
  const encoder: ExportEncoder =
    options.format === 'json'
      ? textEncoder(createJsonFormatter(columns))
      : createXlsxEncoder(columns, { sheetName: options.what, widths: columns.map(columnWidth) });
  // The kiosk's JSON export writes an event's detail as an object, parsed from the text it stored; XLSX as that text.
  const parseDetail = options.what === 'events' && options.format === 'json';
  let written = 0;
  async function* encode(lines: AsyncIterable<string>): AsyncGenerator<string | Uint8Array> {
    for await (const line of lines) {
      const cells = JSON.parse(line) as CellValue[];
      if (parseDetail && typeof cells[DETAIL] === 'string') cells[DETAIL] = JSON.parse(cells[DETAIL]) as CellValue;
      encoder.row(cells);
      written++;
      if (encoder.pendingSize() >= CHUNK_SIZE) yield encoder.take();
    }
    encoder.end();
    const last = encoder.take();
    if (last.length > 0) yield last;
  }
  await copyFleetCells(
    sql,
    options.what,
    options,
    (count) => encoder.start(count),
    (copy) => pipeline(copy, new CopyTextToCrlfLines(), jsonLines, encode, file),
  );
  return written;
}

/**
 * The lines of COPY's rows once unescaped and ended with CRLF (CopyTextToCrlfLines). A row here is one JSON text,
 * which never holds a bare CR or LF (JSON escapes them), so each CRLF ends exactly one row.
 */
async function* jsonLines(bytes: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of bytes) {
    const lines = (rest + decoder.write(chunk)).split('\r\n');
    rest = lines.pop()!;
    yield* lines;
  }
  rest += decoder.end();
  if (rest !== '') throw new Error('COPY output ended inside a row.');
}
