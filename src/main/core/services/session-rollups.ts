import type { KioskDatabase } from '../db/open-database';
import { beginBulkLoad, bulkLoadPending, finishBulkLoad } from '../repositories/rollup-repository';

/**
 * Writes history in bulk without a trigger per row: the triggers that keep the rollups and event summaries are
 * dropped while `load` runs (in as many transactions as it likes), then everything is recounted from the sessions and
 * the triggers come back, in one transaction. A load cut short (a crash) leaves them dropped, their definitions
 * stored; finishInterruptedBulkLoad, run when the kiosk opens, finishes it.
 */
export function withBulkLoad<T>(db: KioskDatabase, load: () => T): T {
  db.transaction(() => beginBulkLoad(db)).immediate();
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
