import type { KioskDatabase } from '../db/open-database';
import { cachedStatement } from '../db/statement-cache';

export function readKioskState(db: KioskDatabase, key: string): unknown {
  const value = cachedStatement(db, 'SELECT value FROM kiosk_state WHERE key = ?').pluck().get(key) as
    string | undefined;
  return value === undefined ? undefined : (JSON.parse(value) as unknown);
}

export function writeKioskState(db: KioskDatabase, key: string, value: unknown): void {
  cachedStatement(
    db,
    'INSERT INTO kiosk_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, JSON.stringify(value));
}
