/**
 * An RFC 4180 parser for tests only, written independently of csv-writer.ts as a character state machine, so an
 * export is checked by reading it back rather than by comparing against the writer's own logic.
 * Strict: a stray quote inside an unquoted field, text after a closing quote, or a bare LF line end is an error.
 */
export function parseCsv(text: string, separator: ',' | ';' = ','): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let state: 'start' | 'unquoted' | 'quoted' | 'quote-in-quoted' | 'cr' = 'start';
  const endField = () => {
    record.push(field);
    field = '';
  };
  /** Outside quotes, a separator ends the field and a CR starts a line end: the state that follows, or undefined. */
  const fieldBoundary = (char: string): 'start' | 'cr' | undefined => {
    if (char === separator) {
      endField();
      return 'start';
    }
    return char === '\r' ? 'cr' : undefined;
  };
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    switch (state) {
      case 'start':
      case 'unquoted':
        if (char === '"') {
          if (state === 'unquoted') throw new Error(`quote inside an unquoted field at ${index}`);
          state = 'quoted';
        } else if (char === '\n') {
          throw new Error(`bare LF at ${index}`);
        } else {
          const next = fieldBoundary(char);
          if (next === undefined) field += char;
          state = next ?? 'unquoted';
        }
        break;
      case 'quoted':
        if (char === '"') state = 'quote-in-quoted';
        else field += char;
        break;
      case 'quote-in-quoted':
        if (char === '"') {
          field += '"';
          state = 'quoted';
        } else {
          const next = fieldBoundary(char);
          if (next === undefined) throw new Error(`text after a closing quote at ${index}`);
          state = next;
        }
        break;
      case 'cr':
        if (char !== '\n') throw new Error(`CR without LF at ${index}`);
        endField();
        records.push(record);
        record = [];
        state = 'start';
        break;
    }
  }
  if (state === 'quoted') throw new Error('unterminated quoted field');
  if (state === 'cr') throw new Error('CR without LF at the end');
  if (state !== 'start' || field !== '' || record.length > 0) {
    endField();
    records.push(record);
  }
  return records;
}

/**
 * Reads CSV the forgiving way a spreadsheet does when it opens a file with its own list separator (";" in Spanish,
 * French and German Excel; "," elsewhere; TAB for pasted text): split on that character outside quotes, a quote only
 * opens quoting at the start of a cell, and anything after a closing quote is kept as text. Lines end at CR, LF or
 * CRLF outside quotes. With `ignoreQuotes` it splits on the character everywhere, as a naive importer would.
 */
export function readLikeSpreadsheet(text: string, separator: string, ignoreQuotes = false): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  let atStart = true;
  const push = () => {
    cells.push(cell);
    cell = '';
    atStart = true;
  };
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') quoted = false;
      else cell += char;
      continue;
    }
    if (char === '"' && atStart && !ignoreQuotes) {
      quoted = true;
      atStart = false;
    } else if (char === separator || char === '\n' || char === '\r') {
      push();
    } else {
      cell += char;
      atStart = false;
    }
  }
  push();
  return cells;
}

/**
 * Cells a spreadsheet would run as a formula: those starting with = + - @, also after a UTF-8 BOM or after leading
 * TABs and line breaks, which an importer may trim.
 */
export function formulaCells(cells: readonly string[]): string[] {
  return cells.filter((cell) => /^\uFEFF?[\t\r\n]*[=+\-@]/.test(cell));
}
