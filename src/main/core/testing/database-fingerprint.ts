import type { KioskDatabase } from '../db/open-database';

/**
 * Every row of every table, as one string: two equal fingerprints mean nothing in the database changed.
 * Used to prove that a rejected call left no trace.
 */
export function databaseFingerprint(db: KioskDatabase): string {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return tables
    .map((table) => {
      const rows = db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all();
      return `${table}:${JSON.stringify(rows, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString('hex') : value))}`;
    })
    .join('\n');
}
