import type { KioskDatabase } from '../db/open-database';
import type { Clock } from '../clock';
import { listOpenSessionsStartedBefore } from '../repositories/sessions-repository';
import type { RoomSessions } from './room-sessions';

/**
 * Ends sessions left open longer than the limit, as `auto-closed`. The end time is the moment the limit was reached
 * (not "now"), so a kiosk that was switched off for a day does not record a 27-hour session in the reports.
 */
export function closeOverdueSessions(
  db: KioskDatabase,
  clock: Clock,
  roomSessions: RoomSessions,
  limitMinutes: number,
): number {
  const limitMs = limitMinutes * 60_000;
  const overdue = listOpenSessionsStartedBefore(db, clock.now() - limitMs);
  for (const session of overdue) roomSessions.end(session.uuid, 'auto-closed', null, session.startedAt + limitMs);
  return overdue.length;
}
