import type { EndReason, Language, SessionKind } from '../../../shared/domain';
import type { KioskDatabase } from '../db/open-database';
import { insertRoom, setRoomActive } from '../repositories/rooms-repository';
import { insertSessionEvent } from '../repositories/session-events-repository';
import { insertSession, markSessionEnded } from '../repositories/sessions-repository';
import { insertStaff } from '../repositories/staff-repository';

/** Test data for reports and exports: rooms, staff and sessions written through the repositories. */
export function addStaffMember(db: KioskDatabase, staffNumber: string): number {
  return insertStaff(db, {
    staffNumber,
    displayName: `Nurse ${staffNumber}`,
    role: 'nurse',
    pinHash: Buffer.from('not a real hash'),
    pinSalt: Buffer.from('salt'),
    createdAt: 0,
  });
}

export function addRoom(db: KioskDatabase, name: string, active = true): number {
  const id = insertRoom(db, { name });
  if (!active) setRoomActive(db, id, false);
  return id;
}

let uuidCounter = 0;

export interface FixtureSession {
  roomId: number;
  startedBy: number;
  kind?: SessionKind;
  language?: Language;
  /** ISO instants, e.g. "2026-03-08T06:30:00Z". */
  start: string;
  end?: string;
  reason?: EndReason;
  events?: { at: string; type: string; detail?: Record<string, string | number | boolean> }[];
  uuid?: string;
}

export function addSession(db: KioskDatabase, session: FixtureSession): { id: number; uuid: string } {
  uuidCounter++;
  const uuid = session.uuid ?? `00000000-0000-4000-8000-${String(uuidCounter).padStart(12, '0')}`;
  const id = insertSession(db, {
    uuid,
    roomId: session.roomId,
    kind: session.kind ?? 'pumping',
    language: session.language ?? 'en',
    startedAt: Date.parse(session.start),
    startedBy: session.startedBy,
  });
  for (const event of session.events ?? []) {
    insertSessionEvent(db, { sessionId: id, at: Date.parse(event.at), type: event.type, detail: event.detail });
  }
  if (session.end) {
    markSessionEnded(db, id, {
      endedAt: Date.parse(session.end),
      endedBy: session.reason === 'staff-ended' ? session.startedBy : null,
      endReason: session.reason ?? 'completed',
    });
  }
  return { id, uuid };
}

/** Sessions one staff member started: the room, start and end (none: still open) first, the rest as addSession takes. */
export function sessionsStartedBy(db: KioskDatabase, startedBy: number) {
  return (
    roomId: number,
    start: string,
    end?: string,
    more: Omit<FixtureSession, 'roomId' | 'startedBy' | 'start' | 'end'> = {},
  ): { id: number; uuid: string } => addSession(db, { roomId, startedBy, start, end, ...more });
}
