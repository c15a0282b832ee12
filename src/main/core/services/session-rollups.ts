import type { KioskDatabase } from '../db/open-database';
import { idleRollups, readRollupZone, rebuildRollups } from '../repositories/rollup-repository';
import { offsetSegments } from '../reports/zone-offsets';

/** Offsets are computed for these years; before, the first offset holds, after, the last. */
const FIRST_YEAR = 1990;
const LAST_YEAR = 2100;

const segmentsByZone = new Map<string, readonly { start: number; offset: number }[]>();

/**
 * The zone's offsets as rollup segments, the first one reaching back to the beginning of time. Probing 110 years
 * through Intl takes ~0.1 s, so each zone's answer is kept for the life of the process.
 */
export function rollupSegments(timeZone: string): readonly { start: number; offset: number }[] {
  let segments = segmentsByZone.get(timeZone);
  if (!segments) {
    segments = offsetSegments(timeZone, Date.UTC(FIRST_YEAR, 0, 1), Date.UTC(LAST_YEAR, 0, 1)).map(
      (segment, index) => ({ start: index === 0 ? Number.MIN_SAFE_INTEGER : segment.start, offset: segment.offset }),
    );
    segmentsByZone.set(timeZone, segments);
  }
  return segments;
}

/**
 * Makes the per-day rollups right for the kiosk's time zone: rebuilt from the sessions when they were built for
 * another zone or never (about 2 s per million sessions, once). Inside a transaction when one is open (a setting
 * change), else in one of its own.
 */
export function ensureSessionRollups(db: KioskDatabase, timeZone: string): boolean {
  if (readRollupZone(db) === timeZone) return false;
  const rebuild = () => rebuildRollups(db, timeZone, rollupSegments(timeZone));
  if (db.inTransaction) rebuild();
  else db.transaction(rebuild).immediate();
  return true;
}

/** For a bulk load of history (the seed tool): the triggers stay idle until ensureSessionRollups rebuilds. */
export function pauseSessionRollups(db: KioskDatabase): void {
  idleRollups(db);
}
