import type { CellValue, RowFormatter } from './row-formatter';

/**
 * A JSON array of objects, one per line, written row by row (valid JSON for any reader, and still greppable).
 * Values keep their types; no formula neutralisation (spreadsheets do not run JSON).
 */
export function createJsonFormatter(columns: readonly string[]): RowFormatter {
  let first = true;
  return {
    start: () => '[',
    row(values: readonly CellValue[]) {
      const record: Record<string, CellValue> = {};
      for (let index = 0; index < columns.length; index++) record[columns[index]!] = values[index] ?? null;
      const line = `${first ? '\n' : ',\n'}${JSON.stringify(record)}`;
      first = false;
      return line;
    },
    end: () => (first ? ']\n' : '\n]\n'),
  };
}
