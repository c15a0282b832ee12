import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCsvFormatter, csvField, csvRecord, UTF8_BOM } from './csv-writer';
import { formulaCells, parseCsv, readLikeSpreadsheet } from '../testing/csv-parser';
import { createJsonFormatter } from './json-writer';

describe('CSV fields (RFC 4180)', () => {
  it.each([
    ['plain', '"plain"'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['lf\nonly', '"lf\nonly"'],
    ['Sala de lactancia Ñandú, ala "B"', '"Sala de lactancia Ñandú, ala ""B"""'],
    ['', '""'],
  ])('quotes every text field: %j as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('writes numbers as numbers and empty cells for null', () => {
    expect(csvRecord([1071, null, undefined, 0, true])).toBe('1071,,,0,"true"\r\n');
    expect(csvRecord([1071, 'a;b', null], ';')).toBe('1071;"a;b";\r\n');
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1 555', `"'+1 555"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tTab', `"'\tTab"`],
    ['\rcr', `"'\rcr"`],
    ['a=b', '"a=b"'],
    ['hand-expression', '"hand-expression"'],
    ['a;=1+2', `"a;'=1+2"`],
    ['a,+1', `"a,'+1"`],
    ['a\t@x', `"a\t'@x"`],
    ['line\n-1', `"line\n'-1"`],
    ['line\r\n=1', `"line\r\n'=1"`],
    ['a;;=1', `"a;;'=1"`],
    ['\t\t=1', `"'\t'\t'=1"`],
  ])('neutralises a formula at the start or after any separator: %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('starts files with a UTF-8 BOM and the header, and ends every record with CRLF', () => {
    const csv = createCsvFormatter(['id', 'room']);
    expect(csv.start()).toBe(`${UTF8_BOM}"id","room"\r\n`);
    expect(csv.row(['x', 'Room 1'])).toBe('"x","Room 1"\r\n');
    const semicolons = createCsvFormatter(['id', 'room'], ';');
    expect(semicolons.start()).toBe(`${UTF8_BOM}"id";"room"\r\n`);
  });

  /** What the writer promises for a text: a guard at the start and after every place a locale may split it. */
  const guarded = (cell: string) => {
    const inside = cell.replace(/[,;\t\r\n"](?=[=+\-@\t\r])/g, "$&'");
    return /^[=+\-@\t\r]/.test(inside) ? `'${inside}` : inside;
  };

  it('round-trips any text through an independent parser (formula starts aside)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'grapheme-composite', maxLength: 12 }), { minLength: 1, maxLength: 6 }), {
          minLength: 1,
          maxLength: 8,
        }),
        (rows) => {
          const text = rows.map((row) => csvRecord(row)).join('');
          const expected = rows.map((row) => row.map(guarded));
          expect(parseCsv(text)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('round-trips the characters that matter, mixed at random', () => {
    const tricky = fc.string({
      unit: fc.constantFrom(',', '"', '\r', '\n', '=', '-', '@', 'ñ', 'é', ' ', 'a'),
      maxLength: 10,
    });
    fc.assert(
      fc.property(fc.array(tricky, { minLength: 1, maxLength: 5 }), (row) => {
        const [parsed] = parseCsv(csvRecord(row));
        expect(parsed).toEqual(row.map(guarded));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('no formula in any locale', () => {
  const hostile = fc.string({
    unit: fc.constantFrom(',', ';', '"', '\t', '\r', '\n', '=', '+', '-', '@', ' ', 'a', '1'),
    maxLength: 16,
  });
  it('however a spreadsheet splits a record (";" "," TAB, line breaks; honouring quotes or not)', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 5 }), fc.constantFrom(',', ';'), (row, separator) => {
        const text = csvRecord(row, separator as ',' | ';');
        for (const splitOn of [';', ',', '\t']) {
          for (const ignoreQuotes of [false, true]) {
            expect(formulaCells(readLikeSpreadsheet(text, splitOn, ignoreQuotes))).toEqual([]);
          }
        }
        expect(parseCsv(text, separator as ',' | ';')[0]).toHaveLength(row.length);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the test parser itself', () => {
  it('refuses malformed CSV, so a broken writer cannot pass', () => {
    expect(() => parseCsv('a"b\r\n')).toThrow(/quote inside/);
    expect(() => parseCsv('"a"b\r\n')).toThrow(/after a closing quote/);
    expect(() => parseCsv('a\nb\r\n')).toThrow(/bare LF/);
    expect(() => parseCsv('"open\r\n')).toThrow(/unterminated/);
    expect(parseCsv('a,"b,c"\r\n"d""e",\r\n')).toEqual([
      ['a', 'b,c'],
      ['d"e', ''],
    ]);
  });
});

describe('JSON rows', () => {
  it('writes a JSON array, one object per line, keeping types', () => {
    const json = createJsonFormatter(['id', 'n', 'detail']);
    const text = json.start() + json.row(['a', 1, { guide: 'cradle' }]) + json.row(['=b', null, null]) + json.end();
    expect(JSON.parse(text)).toEqual([
      { id: 'a', n: 1, detail: { guide: 'cradle' } },
      { id: '=b', n: null, detail: null },
    ]);
    expect(text.split('\n')).toHaveLength(5);
  });

  it('writes an empty array when there are no rows', () => {
    const json = createJsonFormatter(['id']);
    expect(JSON.parse(json.start() + json.end())).toEqual([]);
  });
});
