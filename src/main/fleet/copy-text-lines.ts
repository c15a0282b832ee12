import { Transform, type TransformCallback } from 'node:stream';

const BACKSLASH = 0x5c;
const LF = 0x0a;
const CR = 0x0d;

/** What COPY's text format writes after a backslash, and the byte it stands for. */
const UNESCAPED: Record<number, number> = {
  [BACKSLASH]: BACKSLASH,
  0x62: 0x08, // \b
  0x66: 0x0c, // \f
  0x6e: LF, // \n
  0x72: CR, // \r
  0x74: 0x09, // \t
  0x76: 0x0b, // \v
};

/**
 * COPY … TO STDOUT in text format, of a query with one text column, back to that column's text with each row ending in
 * CRLF. COPY ends rows with LF and escapes a line break, tab or backslash inside a value (\n, \t, \\), so every bare
 * LF ends a row; this writes CR before it and turns the escapes back into their bytes. A chunk without a backslash
 * (nearly every one: only a kiosk's text with a control character or a backslash has one) is copied around its LFs
 * natively. Chunks may split anywhere, even between a backslash and its letter.
 */
export class CopyTextToCrlfLines extends Transform {
  #pendingBackslash = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      done(null, this.#pendingBackslash || chunk.includes(BACKSLASH) ? this.#unescape(chunk) : withCrlf(chunk));
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    done(this.#pendingBackslash ? new Error('COPY output ended inside an escape.') : null);
  }

  #unescape(chunk: Buffer): Buffer {
    const out = Buffer.allocUnsafe(chunk.length * 2);
    let to = 0;
    for (let index = 0; index < chunk.length; index++) {
      const byte = chunk[index]!;
      if (this.#pendingBackslash) {
        const plain = UNESCAPED[byte];
        if (plain === undefined)
          throw new Error(`COPY wrote an escape this export does not expect: \\${String.fromCharCode(byte)}`);
        out[to++] = plain;
        this.#pendingBackslash = false;
      } else if (byte === BACKSLASH) {
        this.#pendingBackslash = true;
      } else {
        if (byte === LF) out[to++] = CR;
        out[to++] = byte;
      }
    }
    return out.subarray(0, to);
  }
}

/** The chunk with CR before each LF. */
function withCrlf(chunk: Buffer): Buffer {
  const ends: number[] = [];
  for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) ends.push(at);
  if (ends.length === 0) return chunk;
  const out = Buffer.allocUnsafe(chunk.length + ends.length);
  let from = 0;
  let to = 0;
  for (const end of ends) {
    to += chunk.copy(out, to, from, end);
    out[to++] = CR;
    from = end;
  }
  chunk.copy(out, to, from);
  return out;
}
