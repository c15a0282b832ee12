/** A value of one export cell. Objects appear only in JSON (an event's detail). */
export type CellValue = string | number | boolean | null | undefined | Record<string, unknown>;

/** Turns rows into text for one file format. Swapping a format's implementation means replacing one file. */
export interface RowFormatter {
  /** Text before the first row (BOM and header, or "["). */
  start(): string;
  row(values: readonly CellValue[]): string;
  /** Text after the last row. */
  end(): string;
}
