import type { KioskDatabase } from '../db/open-database';
import { beginBulkLoad, bulkLoadPending, finishBulkLoad } from '../repositories/rollup-repository';

/**
 * Writes history in bulk without a trigger per row: the rollups and event summaries stay idle while `load` runs
 * (in as many transactions as it likes), then are recounted from every session in one transaction. A load cut short
 * (a crash) leaves them idle; finishInterruptedBulkLoad, run when the kiosk opens, recounts them then.
 */
export function withBulkLoad<T>(db: KioskDatabase, load: () => T): T {
  beginBulkLoad(db);
  const result = load();
  db.transaction(() => finishBulkLoad(db)).immediate();
  return result;
}

/** Recounts the rollups and summaries a bulk load left idle; false (and nothing written) when none did. */
export function finishInterruptedBulkLoad(db: KioskDatabase): boolean {
  if (!bulkLoadPending(db)) return false;
  db.transaction(() => finishBulkLoad(db)).immediate();
  return true;
}
