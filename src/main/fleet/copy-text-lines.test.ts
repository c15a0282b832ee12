import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { expect, it } from 'vitest';
import { CopyTextToCrlfLines } from './copy-text-lines';

/** COPY's text format of one text column: backslash, line breaks and tab escaped, rows ending in LF. */
const copyText = (rows: string[]) =>
  rows
    .map(
      (row) =>
        row
          .replaceAll('\\', '\\\\')
          .replaceAll('\n', '\\n')
          .replaceAll('\r', '\\r')
          .replaceAll('\t', '\\t')
          .replaceAll('\b', '\\b')
          .replaceAll('\f', '\\f')
          .replaceAll('\v', '\\v') + '\n',
    )
    .join('');

const ROWS = ['"plain",1', '"two\r\nlines","back\\slash"', '"tab\there",\b\f\v', '"emoji 🍼, ñ",0', ''];

it('gives back each row’s text ending in CRLF, wherever the chunks split', async () => {
  const bytes = Buffer.from(copyText(ROWS));
  const expected = ROWS.map((row) => `${row}\r\n`).join('');
  for (let size = 1; size <= bytes.length; size++) {
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
    expect(await text(Readable.from(chunks).pipe(new CopyTextToCrlfLines()))).toBe(expected);
  }
});

it('fails on an escape COPY does not write, and on output that ends inside one', async () => {
  await expect(text(Readable.from([Buffer.from('a\\x41\n')]).pipe(new CopyTextToCrlfLines()))).rejects.toThrow(
    /escape/,
  );
  await expect(text(Readable.from([Buffer.from('a\\')]).pipe(new CopyTextToCrlfLines()))).rejects.toThrow(/escape/);
});
