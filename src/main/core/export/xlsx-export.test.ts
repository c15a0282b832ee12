import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { createRequire } from 'node:module';
// SheetJS: an independent reader, the same one many spreadsheet tools are built on.
import * as XLSX from 'xlsx';
import { describe, expect } from 'vitest';
import { EVENT_COLUMNS, SESSION_COLUMNS } from './export-columns';
import {
  addManySessions,
  expectedSessionRows,
  exportCancelledMidway,
  exportFixture,
  exportOptions,
  exportTest,
  expectFixtureEventCells,
} from '../testing/export-fixture';
import { exportToFile } from './export-to-file';
import type { CellValue } from './row-formatter';
import { createXlsxEncoder, XLSX_MAX_SHEETS } from './xlsx-writer';
import { columnLetter, escapeXml } from './xlsx-parts';

/** jsdom's strict XML parser (jsdom ships no types; this is the little of it the tests use). */
interface XmlDocumentLike {
  getElementsByTagName(name: string): ArrayLike<{ textContent: string | null }>;
}
const { JSDOM } = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new () => {
    window: { DOMParser: new () => { parseFromString(text: string, type: string): XmlDocumentLike } };
  };
};

/** Every sheet of a workbook as rows of text ('' for an empty cell), read by SheetJS. */
function readWorkbook(bytes: Uint8Array): { names: string[]; sheets: string[][][]; book: XLSX.WorkBook } {
  const book = XLSX.read(bytes, { type: 'buffer' });
  const sheets = book.SheetNames.map((name) =>
    (
      XLSX.utils.sheet_to_json<CellValue[]>(book.Sheets[name]!, { header: 1, raw: true, defval: '' }) as unknown[][]
    ).map((row) => row.map((cell) => String(cell))),
  );
  return { names: book.SheetNames, sheets, book };
}

/** Excel is stricter than SheetJS: every part must be well-formed XML. Answers the names of the parts. */
function expectWellFormedParts(bytes: Uint8Array): string[] {
  const parts = unzipSync(bytes);
  const parser = new new JSDOM().window.DOMParser();
  for (const [name, data] of Object.entries(parts)) {
    const doc = parser.parseFromString(strFromU8(data), 'application/xml');
    expect(doc.getElementsByTagName('parsererror'), name).toHaveLength(0);
  }
  return Object.keys(parts);
}

function encode(rows: CellValue[][], columns: string[], rowsPerSheet?: number): Uint8Array {
  const encoder = createXlsxEncoder(columns, { sheetName: 'sessions', widths: columns.map(() => 10), rowsPerSheet });
  const chunks: Uint8Array[] = [];
  encoder.start(rows.length);
  for (const row of rows) {
    encoder.row(row);
    if (encoder.pendingSize() > 0) chunks.push(encoder.take() as Uint8Array);
  }
  encoder.end();
  chunks.push(encoder.take() as Uint8Array);
  return Buffer.concat(chunks);
}

describe('XLSX export', () => {
  exportTest('writes sessions that a spreadsheet reader gets back field for field', async ({ db, reader, folder }) => {
    exportFixture(db);
    const path = `${folder.path}/sessions.xlsx`;
    const result = await exportToFile(reader, exportOptions({ format: 'xlsx' }), path);
    const bytes = readFileSync(path);
    // A ZIP whose first part is [Content_Types].xml, as OPC readers expect.
    expect(bytes.subarray(0, 4).toString('binary')).toBe('PK\x03\x04');
    expect(bytes.subarray(30, 30 + '[Content_Types].xml'.length).toString()).toBe('[Content_Types].xml');
    expect(expectWellFormedParts(bytes)).toContain('xl/worksheets/sheet1.xml');

    const { names, sheets, book } = readWorkbook(bytes);
    expect(names).toEqual(['sessions']);
    const [header, ...rows] = sheets[0]!;
    expect(header).toEqual([...SESSION_COLUMNS]);
    expect(result.rows).toBe(4);
    expect(rows).toEqual(expectedSessionRows(db, exportOptions(), false));
    // Text that a spreadsheet would run in CSV is plain text here: no apostrophe, and no formula in the cell.
    const sheet = book.Sheets.sessions!;
    expect(sheet.B3).toMatchObject({ t: 's', v: '=HYPERLINK("http://evil")' });
    expect(sheet.B3.f).toBeUndefined();
    expect(sheet.B4.v).toBe('Room\r\nTwo');
    // A strict XML reader (as Excel is) keeps the CR too: literal CR LF would come back as LF.
    const strict = new new JSDOM().window.DOMParser().parseFromString(
      strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!),
      'application/xml',
    );
    const texts = Array.from(strict.getElementsByTagName('t')).map((element) => element.textContent);
    expect(texts.filter((text) => text?.startsWith('Room'))).toEqual(['Room\r\nTwo']);
    // Durations and counts are numbers a spreadsheet can add up; an open session's end is an empty cell.
    expect(sheet.G2).toMatchObject({ t: 'n', v: 1200 });
    expect(sheet.J2).toMatchObject({ t: 'n', v: 2 });
    expect(sheet.F5).toBeUndefined();
    // The header row is bold, frozen, and has filter buttons over every column and row.
    const sheetXml = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!);
    expect(sheetXml).toContain('<c r="A1" s="1" t="inlineStr">');
    expect(sheetXml).toContain('state="frozen"');
    expect(sheetXml).toContain('<autoFilter ref="A1:M5"/>');
  });

  exportTest('writes events with their detail as text', async ({ db, reader, folder }) => {
    exportFixture(db);
    const path = `${folder.path}/events.xlsx`;
    const result = await exportToFile(reader, exportOptions({ what: 'events', format: 'xlsx' }), path);
    const { names, sheets } = readWorkbook(readFileSync(path));
    expect(names).toEqual(['events']);
    const [header, ...rows] = sheets[0]!;
    expect(header).toEqual([...EVENT_COLUMNS]);
    expect(rows).toHaveLength(result.rows);
    expect(result.rows).toBe(7);
    expectFixtureEventCells(rows);
  });

  exportTest('keeps text XML cannot carry, and text that looks like an escape, exactly as it was', () => {
    const awkward = [
      'tab\there, bell\u0007, nul\u0000',
      '_x0041_ is not A',
      '  leading and trailing spaces  ',
      '<b>&amp;</b> "quoted" \'single\'',
      'emoji 🤱 and ñ',
      '@SUM(A1)',
      '-1',
    ];
    const bytes = encode(
      awkward.map((text, index) => [index, text, true]),
      ['n', 'text', 'flag'],
    );
    expectWellFormedParts(bytes);
    const { book, sheets } = readWorkbook(bytes);
    expect(sheets[0]!.slice(1).map((row) => row[1])).toEqual(awkward);
    expect(book.Sheets.sessions!.C2).toMatchObject({ t: 'b', v: true });
    expect(escapeXml('_x0041_')).toBe('_x005F_x0041_');
  });

  exportTest('continues on a new sheet, header and all, when a sheet is full', () => {
    const rows = Array.from({ length: 7 }, (_, index) => [index + 1, `row ${index + 1}`]);
    const bytes = encode(rows, ['n', 'label'], 3);
    expectWellFormedParts(bytes);
    const { names, sheets } = readWorkbook(bytes);
    expect(names).toEqual(['sessions', 'sessions 2', 'sessions 3']);
    expect(sheets.map((sheet) => sheet[0])).toEqual([
      ['n', 'label'],
      ['n', 'label'],
      ['n', 'label'],
    ]);
    expect(sheets.flatMap((sheet) => sheet.slice(1).map((row) => Number(row[0])))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(sheets.map((sheet) => sheet.length - 1)).toEqual([3, 3, 1]);
  });

  exportTest('refuses, before writing anything, more rows than a workbook can hold', () => {
    const encoder = createXlsxEncoder(['n'], { sheetName: 'events', widths: [10], rowsPerSheet: 2 });
    expect(() => encoder.start(2 * XLSX_MAX_SHEETS + 1)).toThrow(/more than an Excel file can hold \(20\)/);
    expect(encoder.pendingSize()).toBe(0);
  });

  exportTest('writes a valid empty workbook (just the header) when nothing matches', async ({ reader, folder }) => {
    const empty = exportOptions({ format: 'xlsx', start: 0, end: 1 });
    await exportToFile(reader, empty, `${folder.path}/none.xlsx`);
    const { sheets } = readWorkbook(readFileSync(`${folder.path}/none.xlsx`));
    expect(sheets).toEqual([[[...SESSION_COLUMNS]]]);
  });

  exportTest(
    'deletes the partial workbook when cancelled, leaving an earlier file as it was',
    async ({ db, reader, folder }) => {
      addManySessions(db, 4000, 1000);
      const path = `${folder.path}/sessions.xlsx`;
      writeFileSync(path, 'last month’s workbook');
      expect(await exportCancelledMidway(reader, exportOptions({ format: 'xlsx' }), path)).toMatchObject({
        name: 'AbortError',
      });
      expect(readFileSync(path, 'utf8')).toBe('last month’s workbook');
      expect(readdirSync(folder.path).filter((name) => name.includes('partial'))).toEqual([]);
      // And the whole export, uncancelled, holds every row.
      const result = await exportToFile(reader, exportOptions({ format: 'xlsx' }), `${folder.path}/all.xlsx`);
      expect(result.rows).toBe(4000);
      expect(readWorkbook(readFileSync(`${folder.path}/all.xlsx`)).sheets[0]).toHaveLength(4001);
    },
  );

  exportTest('names columns the way spreadsheets do', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });
});
