import type { KioskDatabase } from '../db/open-database';
import { cachedStatement } from '../db/statement-cache';

const hexBuffers = (_key: string, value: unknown) => (Buffer.isBuffer(value) ? value.toString('hex') : value);

/**
 * Every row of every table, as one string: two equal fingerprints mean nothing in the database changed.
 * Used to prove that a rejected call left no trace. The statements are prepared once per connection: the fuzz tests
 * take two fingerprints per case, and compiling a query per table each time was most of their run time.
 */
export function databaseFingerprint(db: KioskDatabase): string {
  const tables = cachedStatement(
    db,
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  )
    .pluck()
    .all() as string[];
  return tables
    .map((table) => {
      const rows = cachedStatement(db, `SELECT * FROM "${table}" ORDER BY rowid`).all();
      return `${table}:${JSON.stringify(rows, hexBuffers)}`;
    })
    .join('\n');
}
