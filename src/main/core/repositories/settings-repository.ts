import type { KioskDatabase } from '../db/open-database';
import { cachedStatement } from '../db/statement-cache';

/** Raw key → JSON value storage. Typing and defaults live in the settings service, not here. */
export function readSetting(db: KioskDatabase, key: string): unknown {
  const value = cachedStatement(db, 'SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  return value === undefined ? undefined : (JSON.parse(value) as unknown);
}

export function readAllSettings(db: KioskDatabase): Map<string, unknown> {
  const rows = cachedStatement(db, 'SELECT key, value FROM settings').all() as { key: string; value: string }[];
  return new Map(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
}

export function writeSetting(db: KioskDatabase, key: string, value: unknown): void {
  cachedStatement(
    db,
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, JSON.stringify(value));
}
