import type { ExportFormat } from '../../../shared/domain';
import type { CellValue, RowFormatter } from './row-formatter';

/** What each export format is served as (the browser bridge's download). */
export const EXPORT_MIME_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Turns export rows into the bytes of one file format, a piece at a time, so an export of any size is written in
 * constant memory: the exporter feeds rows and takes the waiting output whenever it reaches a chunk's size.
 */
export interface ExportEncoder {
  /** Called once before the first row, with the number of rows that will follow. */
  start(totalRows: number): void;
  row(values: readonly CellValue[]): void;
  /** A record already written in this format (the session CSV's, from SQLite); text formats only. */
  record(text: string): void;
  end(): void;
  /** How much output is waiting to be taken (characters or bytes). */
  pendingSize(): number;
  /** Hands over the waiting output. */
  take(): string | Uint8Array;
}

/** An encoder for a text format (CSV, JSON) described by a RowFormatter. */
export function textEncoder(formatter: RowFormatter): ExportEncoder {
  let pending = '';
  return {
    start: () => {
      pending += formatter.start();
    },
    row: (values) => {
      pending += formatter.row(values);
    },
    record: (text) => {
      pending += text;
    },
    end: () => {
      pending += formatter.end();
    },
    pendingSize: () => pending.length,
    take: () => {
      const text = pending;
      pending = '';
      return text;
    },
  };
}
