/**
 * XLSX written as a stream: the worksheet XML is built row by row and deflated into the ZIP container as it goes
 * (fflate's streaming Zip: zero dependencies, 8 kB; chosen over write-excel-file, which builds the whole sheet in
 * memory, and exceljs, which pulls 187 packages). Strings are inline (no shared-strings table, which would grow with
 * the data), so memory stays flat for a million rows.
 *
 * A cell of text is never a formula in XLSX (formulas live in their own <f> element), so unlike CSV no value needs
 * an apostrophe: "=1+1" reads back as the text "=1+1". Numbers are numbers; null leaves the cell empty.
 * A sheet holds at most 1,048,575 data rows under its header; longer exports continue on "sessions 2", "sessions 3" …
 */
import { Zip } from 'fflate';
import { KioskError } from '../errors';
import type { ExportEncoder } from './export-encoder';
import type { CellValue } from './row-formatter';
import { NativeZipDeflate } from './zip-native-deflate';
import {
  XLSX_MAX_CELL_CHARS,
  XLSX_MAX_ROWS_PER_SHEET,
  columnLetter,
  contentTypesXml,
  escapeXml,
  packageRelsXml,
  sheetEndXml,
  sheetPath,
  sheetStartXml,
  stylesXml,
  workbookRelsXml,
  workbookXml,
} from './xlsx-parts';

export const XLSX_ROWS_PER_SHEET = XLSX_MAX_ROWS_PER_SHEET - 1;
/**
 * The most sheets one workbook may hold. Ten full sheets (10.5 million rows) stay well inside the 4 GiB a plain ZIP
 * can address (fflate writes no ZIP64), and no spreadsheet program would open more anyway; CSV has no such limit.
 */
export const XLSX_MAX_SHEETS = 10;
/** Deflate level 1: nearly the size of level 6 for this repetitive XML, at a fraction of the time. */
const DEFLATE_LEVEL = 1;
/** XML characters gathered before they are deflated. */
const XML_CHUNK_CHARS = 64 * 1024;

export interface XlsxOptions {
  /** The sheets' name: "sessions", then "sessions 2", … */
  sheetName: string;
  /** Column widths in characters, one per column. */
  widths: readonly number[];
  /** Data rows per sheet; Excel's limit unless a test needs small sheets. */
  rowsPerSheet?: number;
}

const utf8 = new TextEncoder();

/** One cell; `style` 1 is the header's bold. */
function cellXml(reference: string, value: CellValue, style = 0): string {
  const s = style === 0 ? '' : ` s="${style}"`;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${reference}"${s}><v>${value}</v></c>` : '';
  if (typeof value === 'boolean') return `<c r="${reference}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  // Excel refuses longer cells; nothing the kiosk records comes close (event details are a few dozen characters).
  if (text.length > XLSX_MAX_CELL_CHARS) text = `${text.slice(0, XLSX_MAX_CELL_CHARS - 1)}…`;
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${reference}"${s} t="inlineStr"><is><t${space}>${escapeXml(text)}</t></is></c>`;
}

/** The ZIP's output as it is produced, handed out in pieces by `take()`. */
class ZipOutput {
  readonly zip: Zip;
  #chunks: Uint8Array[] = [];
  #bytes = 0;
  #failure: Error | null = null;

  constructor() {
    this.zip = new Zip((error, data) => {
      if (error) this.#failure = error;
      else if (data.length > 0) {
        this.#chunks.push(data);
        this.#bytes += data.length;
      }
    });
  }

  get pendingBytes(): number {
    return this.#bytes;
  }

  take(): Uint8Array {
    if (this.#failure) throw this.#failure;
    const bytes = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks);
    this.#chunks = [];
    this.#bytes = 0;
    return bytes;
  }
}

/** The worksheets, written row by row: each sheet's XML is deflated in chunks as it grows. */
class SheetWriter {
  readonly #zip: Zip;
  readonly #columns: readonly string[];
  readonly #letters: string[];
  readonly #widths: readonly number[];
  #sheet: NativeZipDeflate | null = null;
  #xml = '';
  /** The row last written in the open sheet (1 is the header). */
  row = 0;

  constructor(zip: Zip, columns: readonly string[], widths: readonly number[]) {
    this.#zip = zip;
    this.#columns = columns;
    this.#letters = columns.map((_, index) => columnLetter(index));
    this.#widths = widths;
  }

  open(index: number): void {
    this.#sheet = new NativeZipDeflate(sheetPath(index), DEFLATE_LEVEL);
    this.#zip.add(this.#sheet);
    this.#xml = sheetStartXml(this.#widths);
    this.#xml += '<row r="1">';
    this.#columns.forEach((name, column) => {
      this.#xml += cellXml(`${this.#letters[column]}1`, name, 1);
    });
    this.#xml += '</row>';
    this.row = 1;
  }

  write(values: readonly CellValue[]): void {
    this.row++;
    let line = `<row r="${this.row}">`;
    for (let column = 0; column < values.length; column++)
      line += cellXml(`${this.#letters[column]}${this.row}`, values[column]);
    this.#xml += `${line}</row>`;
    if (this.#xml.length >= XML_CHUNK_CHARS) this.#flush(false);
  }

  close(): void {
    this.#xml += sheetEndXml(this.#letters.at(-1) ?? 'A', this.row);
    this.#flush(true);
  }

  #flush(final: boolean): void {
    if (!this.#sheet) return;
    this.#sheet.push(utf8.encode(this.#xml), final);
    this.#xml = '';
    if (final) this.#sheet = null;
  }
}

export function createXlsxEncoder(columns: readonly string[], options: XlsxOptions): ExportEncoder {
  const rowsPerSheet = options.rowsPerSheet ?? XLSX_ROWS_PER_SHEET;
  const maxRows = XLSX_MAX_SHEETS * rowsPerSheet;
  const output = new ZipOutput();
  const sheets = new SheetWriter(output.zip, columns, options.widths);
  let sheetCount = 1;
  let sheetIndex = 0;

  const sheetName = (index: number) => (index === 0 ? options.sheetName : `${options.sheetName} ${index + 1}`);
  function addPart(path: string, text: string): void {
    const part = new NativeZipDeflate(path, DEFLATE_LEVEL);
    output.zip.add(part);
    part.push(utf8.encode(text), true);
  }

  return {
    start(totalRows) {
      if (totalRows > maxRows) {
        throw new KioskError(
          'invalid-input',
          `This range has ${totalRows} rows: more than an Excel file can hold (${maxRows}). ` +
            'Choose a shorter range, or CSV.',
        );
      }
      sheetCount = Math.max(1, Math.ceil(totalRows / rowsPerSheet));
      // Package parts first, so tools that read the ZIP from the front find [Content_Types].xml at once.
      addPart('[Content_Types].xml', contentTypesXml(sheetCount));
      addPart('_rels/.rels', packageRelsXml());
      addPart('xl/workbook.xml', workbookXml(Array.from({ length: sheetCount }, (_, index) => sheetName(index))));
      addPart('xl/_rels/workbook.xml.rels', workbookRelsXml(sheetCount));
      addPart('xl/styles.xml', stylesXml());
      sheets.open(0);
    },
    row(values) {
      if (sheets.row === rowsPerSheet + 1) {
        sheets.close();
        sheetIndex++;
        // The row count was read in the same snapshot, so this cannot happen unless the caller miscounted.
        if (sheetIndex >= sheetCount) throw new Error('xlsx: more rows than announced at start');
        sheets.open(sheetIndex);
      }
      sheets.write(values);
    },
    record() {
      throw new Error('xlsx: records come as cells');
    },
    end() {
      sheets.close();
      // Announced sheets that got no rows (only if fewer rows came than counted) still need to exist.
      for (sheetIndex++; sheetIndex < sheetCount; sheetIndex++) {
        sheets.open(sheetIndex);
        sheets.close();
      }
      output.zip.end();
    },
    pendingSize: () => output.pendingBytes,
    take: () => output.take(),
  };
}
