/**
 * RFC 4180 CSV, hand-written (no CSV package is installed; @fast-csv/format would slot in here): fields with a comma,
 * a double quote, CR or LF are quoted and inner quotes doubled; records end with CRLF. Files start with a UTF-8 BOM
 * so spreadsheet programs read Spanish accents correctly.
 *
 * Spreadsheet formula injection: a text cell starting with = + - @ TAB or CR would be run as a formula by Excel or
 * LibreOffice, so it gets a leading apostrophe (OWASP's advice). Only text cells: numbers are written as numbers
 * (the export has no negative numbers, so a number never starts with "-").
 */
import type { CellValue, RowFormatter } from './row-formatter';

export const UTF8_BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]/;
/** = + - @ TAB CR, by character code (checked for every text cell of a million rows). */
const FORMULA_STARTS = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d]);

/** One CSV field, neutralised and quoted as needed. */
export function csvField(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = typeof value === 'string' ? value : typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  if (FORMULA_STARTS.has(text.charCodeAt(0))) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, CRLF included. */
export function csvRecord(values: readonly CellValue[]): string {
  let line = '';
  for (let index = 0; index < values.length; index++) {
    if (index > 0) line += ',';
    line += csvField(values[index]);
  }
  return `${line}\r\n`;
}

export function createCsvFormatter(columns: readonly string[]): RowFormatter {
  return {
    start: () => UTF8_BOM + csvRecord(columns),
    row: (values) => csvRecord(values),
    end: () => '',
  };
}
