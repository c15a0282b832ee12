/**
 * RFC 4180 CSV, hand-written (no CSV package is installed; @fast-csv/format would slot in here): every text field is
 * quoted and its quotes doubled; numbers are written bare; records end with CRLF. Files start with a UTF-8 BOM so
 * spreadsheet programs read Spanish accents correctly. The separator is a comma, or a semicolon for spreadsheets whose
 * list separator is ";" (Spanish, French, German Excel), which would otherwise show each record in one cell.
 *
 * Spreadsheet formula injection: a cell starting with = + - @ TAB or CR would be run as a formula by Excel or
 * LibreOffice, so it gets a leading apostrophe (OWASP's advice). Excel in another locale may split a field on a
 * separator we did not choose (";" "," TAB) or a reader may split on a line break or a quote inside it, so the same
 * guard goes after every such character inside a text field too: no piece of a field can begin a formula, however it is split.
 * Numbers are never guarded: the export has no negative numbers, so a number never starts with "-".
 */
import type { CsvSeparator } from '../../../shared/domain';
import type { CellValue, RowFormatter } from './row-formatter';

export const UTF8_BOM = '\uFEFF';

/** A field that needs more than plain quoting: a quote, a formula start anywhere, or a place a locale may split. */
const NEEDS_CARE = /["=+\-@\t\r\n,;]/;
const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * A formula start right after a separator a locale might use, a line break, or a quote (a reader that splits where we
 * did not may also take a quote inside a field for the start of a quoted cell).
 */
const FORMULA_AFTER_SPLIT = /[,;\t\r\n"](?=[=+\-@\t\r])/g;

/** One CSV text field: neutralised, quoted. */
function textField(text: string): string {
  if (!NEEDS_CARE.test(text)) return `"${text}"`;
  const guarded = text.replace(FORMULA_AFTER_SPLIT, "$&'");
  return `"${FORMULA_START.test(guarded) ? "'" : ''}${guarded.replaceAll('"', '""')}"`;
}

/** One CSV field: numbers bare, nothing as an empty field, every text quoted and neutralised. */
export function csvField(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return textField(
    typeof value === 'string' ? value : typeof value === 'boolean' ? String(value) : JSON.stringify(value),
  );
}

/** One CSV record, CRLF included. */
export function csvRecord(values: readonly CellValue[], separator: CsvSeparator = ','): string {
  let line = '';
  for (let index = 0; index < values.length; index++) {
    if (index > 0) line += separator;
    line += csvField(values[index]);
  }
  return `${line}\r\n`;
}

export function createCsvFormatter(columns: readonly string[], separator: CsvSeparator = ','): RowFormatter {
  return {
    start: () => UTF8_BOM + csvRecord(columns, separator),
    row: (values) => csvRecord(values, separator),
    end: () => '',
  };
}
