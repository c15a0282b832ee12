import type { EndReason, Language, SessionKind } from '../../../shared/domain';
import type { KioskDatabase } from '../db/open-database';
import { cachedStatement } from '../db/statement-cache';

/**
 * Open sessions are found through the small partial index of open sessions only. Named explicitly: without table
 * statistics the planner preferred walking a time index over the whole history (~280 ms at a million sessions, on
 * every board refresh and every auto-close check), and INDEXED BY turns any such regression into an error.
 */
const OPEN_SESSIONS = 'sessions INDEXED BY sessions_one_open_per_room';

const SESSION_COLUMNS = `id, uuid, room_id AS roomId, kind, language, started_at AS startedAt, started_by AS startedBy,
  ended_at AS endedAt, ended_by AS endedBy, end_reason AS endReason`;

export interface NewSession {
  uuid: string;
  roomId: number;
  kind: SessionKind;
  language: Language;
  startedAt: number;
  startedBy: number;
}

export interface SessionRow extends NewSession {
  id: number;
  endedAt: number | null;
  endedBy: number | null;
  endReason: EndReason | null;
}

/** Throws SQLITE_CONSTRAINT_UNIQUE when the room already has an open session (the database enforces one per room). */
export function insertSession(db: KioskDatabase, session: NewSession): number {
  const result = cachedStatement(
    db,
    `INSERT INTO sessions (uuid, room_id, kind, language, started_at, started_by)
       VALUES (@uuid, @roomId, @kind, @language, @startedAt, @startedBy)`,
  ).run(session);
  return Number(result.lastInsertRowid);
}

export function findSessionByUuid(db: KioskDatabase, uuid: string): SessionRow | undefined {
  return cachedStatement(db, `SELECT ${SESSION_COLUMNS} FROM sessions WHERE uuid = ?`).get(uuid) as
    SessionRow | undefined;
}

export function listOpenSessions(db: KioskDatabase): SessionRow[] {
  return cachedStatement(
    db,
    `SELECT ${SESSION_COLUMNS} FROM ${OPEN_SESSIONS} WHERE ended_at IS NULL ORDER BY started_at`,
  ).all() as SessionRow[];
}

/** Ends an open session; answers false when it was not open (already ended, or unknown). */
export function markSessionEnded(
  db: KioskDatabase,
  id: number,
  end: { endedAt: number; endedBy: number | null; endReason: EndReason },
): boolean {
  const result = cachedStatement(
    db,
    'UPDATE sessions SET ended_at = ?, ended_by = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL',
  ).run(end.endedAt, end.endedBy, end.endReason, id);
  return result.changes === 1;
}

/** Open sessions that started at or before the cutoff: the ones the auto-close rule ends. */
export function listOpenSessionsStartedBefore(db: KioskDatabase, cutoff: number): SessionRow[] {
  return cachedStatement(
    db,
    `SELECT ${SESSION_COLUMNS} FROM ${OPEN_SESSIONS} WHERE ended_at IS NULL AND started_at <= ? ORDER BY started_at`,
  ).all(cutoff) as SessionRow[];
}

export function findOpenSessionInRoom(db: KioskDatabase, roomId: number): SessionRow | undefined {
  return cachedStatement(
    db,
    `SELECT ${SESSION_COLUMNS} FROM ${OPEN_SESSIONS} WHERE room_id = ? AND ended_at IS NULL`,
  ).get(roomId) as SessionRow | undefined;
}
