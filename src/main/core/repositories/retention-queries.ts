import type { KioskDatabase } from '../db/open-database';

/**
 * Ids of up to `limit` sessions that ended before `cutoff`, oldest first. A session ends after it starts, so the
 * search walks the start-time index only up to the cutoff.
 */
export function listSessionsEndedBefore(db: KioskDatabase, cutoff: number, limit: number): number[] {
  return db
    .prepare(
      `SELECT id FROM sessions INDEXED BY sessions_report
       WHERE started_at < @cutoff AND ended_at < @cutoff ORDER BY started_at LIMIT @limit`,
    )
    .pluck()
    .all({ cutoff, limit }) as number[];
}

/** Deletes sessions with their events and timers (ON DELETE CASCADE); answers what went. */
export function deleteSessions(
  db: KioskDatabase,
  ids: readonly number[],
): { sessions: number; events: number; timers: number } {
  const list = JSON.stringify(ids);
  const events = db
    .prepare('SELECT count(*) FROM session_events WHERE session_id IN (SELECT value FROM json_each(?))')
    .pluck()
    .get(list) as number;
  const timers = db
    .prepare('SELECT count(*) FROM timers WHERE session_id IN (SELECT value FROM json_each(?))')
    .pluck()
    .get(list) as number;
  const sessions = db.prepare('DELETE FROM sessions WHERE id IN (SELECT value FROM json_each(?))').run(list).changes;
  return { sessions, events, timers };
}
