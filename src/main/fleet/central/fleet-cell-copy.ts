import type { Readable } from 'node:stream';
import type { ExportSubject } from '../../../shared/domain';
import type { CentralConnection } from './central-connection';
import { runFleetCopy } from './fleet-copy-run';
import { durationSeconds, eventRowsSql, iso, sessionRowsSql, type FleetRange } from './fleet-copy-sql';

/** Each export's cells, in its columns' order (the kiosk's name first): texts, numbers and NULLs, unformatted. */
const CELLS: Record<ExportSubject, readonly string[]> = {
  sessions: [
    'k.name',
    's.uuid',
    's.room_name',
    's.kind',
    's.language',
    iso('s.started_at'),
    iso('s.ended_at'),
    durationSeconds,
    's.end_reason',
    's.started_by',
    'coalesce(e.guides, 0)',
    'coalesce(e.slides, 0)',
    'coalesce(e.timers, 0)',
    'coalesce(e.help, 0)',
  ],
  events: ['k.name', 's.uuid', 's.room_name', iso('ev.at'), 'ev.type', 'ev.detail_text'],
};

/**
 * The COPY that writes each row's cells as one JSON array (strings, numbers, null), and the count of those rows. JSON
 * escapes every control character, so a row is one line however hostile its text, and JSON.parse reads it back
 * exactly; COPY's text format escapes the JSON's backslashes, which the reader undoes (CopyTextToCrlfLines).
 */
export function fleetCellsSql(what: ExportSubject, options: Pick<FleetRange, 'start' | 'end'>) {
  const rows = what === 'sessions' ? sessionRowsSql(options) : eventRowsSql(options);
  return {
    copy: `COPY (SELECT json_build_array(${CELLS[what].join(', ')})::text
    FROM ${rows.from}
    ORDER BY ${rows.order})
  TO STDOUT`,
    count: `SELECT count(*) FROM ${rows.countFrom}`,
  };
}

/**
 * Runs the cells' COPY (runFleetCopy) after counting its rows in the same snapshot: `onCount` hears the count before
 * the COPY starts (an XLSX workbook announces its sheets before its first row, and refuses too many rows), then
 * `consume` reads the COPY's bytes.
 */
export function copyFleetCells(
  sql: CentralConnection,
  what: ExportSubject,
  options: FleetRange,
  onCount: (count: number) => void,
  consume: (lines: Readable) => Promise<void>,
): Promise<number> {
  return runFleetCopy(sql, options, { ...fleetCellsSql(what, options), onCount }, consume);
}
