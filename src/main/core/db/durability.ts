import type { KioskDatabase } from './open-database';

/**
 * Runs one write transaction with synchronous=NORMAL instead of FULL: committed to the WAL but not fsynced.
 *
 * For usage events only (guide viewed, slide viewed…): they are counted in reports, and losing the last few on a
 * power cut is harmless, while an fsync each (~0.34 ms here) would triple the cost of a session. In WAL mode the
 * next FULL commit (a session starting or ending, a timer) fsyncs the log and makes these durable too. A session
 * start or end is never written this way.
 */
export function withoutFsync<T>(db: KioskDatabase, write: () => T): T {
  db.pragma('synchronous = NORMAL');
  try {
    return db.transaction(write)();
  } finally {
    db.pragma('synchronous = FULL');
  }
}
