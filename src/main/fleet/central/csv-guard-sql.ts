/**
 * The kiosk CSV writer's formula guard (src/main/core/export/csv-writer.ts) as a PostgreSQL expression, so COPY writes
 * the same cells: an apostrophe before a text that starts with = + - @ TAB or CR, and right after any , ; TAB CR LF
 * or quote that such a character follows.
 * The fleet export's test compares both writers byte for byte on hostile values: a rule changed in one fails it.
 */

/** Characters that start a formula (the writer's FORMULA_START), as a bracket expression of PostgreSQL's regexes. */
const FORMULA_START = String.raw`[-=+@\t\r]`;
/** Where a spreadsheet in another locale may split a field (the writer's FORMULA_AFTER_SPLIT). */
const SPLIT = String.raw`[,;\t\r\n"]`;

/**
 * `column` guarded as the kiosk's CSV writer guards a text field. A text without any formula character is left as it
 * is, which skips both regular expressions for nearly every cell.
 */
export function csvGuardSql(column: string): string {
  return `CASE WHEN ${column} ~ '${FORMULA_START}' THEN regexp_replace(
      regexp_replace(${column}, '(${SPLIT})(?=${FORMULA_START})', '\\1''', 'g'), '^(?=${FORMULA_START})', '''')
    ELSE ${column} END`;
}
