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

const localWrites = new WeakMap<KioskDatabase, number>();

export function writeSetting(db: KioskDatabase, key: string, value: unknown): void {
  // Counted before the write: a memo taken while this write was pending can never match again.
  localWrites.set(db, (localWrites.get(db) ?? 0) + 1);
  cachedStatement(
    db,
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, JSON.stringify(value));
}

export function deleteSetting(db: KioskDatabase, key: string): void {
  localWrites.set(db, (localWrites.get(db) ?? 0) + 1);
  cachedStatement(db, 'DELETE FROM settings WHERE key = ?').run(key);
}

/**
 * What a memo of the settings must match to still be true: this connection's own setting writes (SQLite's
 * data_version ignores them), data_version, which moves whenever another connection commits anything, and the
 * schema cookie, which moves when a table is dropped or rebuilt (on this connection too).
 */
export function settingsVersion(db: KioskDatabase): { localWrites: number; dataVersion: number; schema: number } {
  return {
    localWrites: localWrites.get(db) ?? 0,
    dataVersion: cachedStatement(db, 'PRAGMA data_version').pluck().get() as number,
    schema: cachedStatement(db, 'PRAGMA schema_version').pluck().get() as number,
  };
}
