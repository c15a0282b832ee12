/**
 * An RFC 4180 parser for tests only, written independently of csv-writer.ts as a character state machine, so an
 * export is checked by reading it back rather than by comparing against the writer's own logic.
 * Strict: a stray quote inside an unquoted field, text after a closing quote, or a bare LF line end is an error.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let state: 'start' | 'unquoted' | 'quoted' | 'quote-in-quoted' | 'cr' = 'start';
  const endField = () => {
    record.push(field);
    field = '';
  };
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    switch (state) {
      case 'start':
      case 'unquoted':
        if (char === '"') {
          if (state === 'unquoted') throw new Error(`quote inside an unquoted field at ${index}`);
          state = 'quoted';
        } else if (char === ',') {
          endField();
          state = 'start';
        } else if (char === '\r') {
          state = 'cr';
        } else if (char === '\n') {
          throw new Error(`bare LF at ${index}`);
        } else {
          field += char;
          state = 'unquoted';
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
        } else if (char === ',') {
          endField();
          state = 'start';
        } else if (char === '\r') {
          state = 'cr';
        } else {
          throw new Error(`text after a closing quote at ${index}`);
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
