import type { KioskDatabase } from '../db/open-database';

/**
 * Read-only lookups by the keys a caller was given back (a session's uuid, a timer's id), used to check after a crash
 * that every acknowledged write is still stored.
 */
export interface StoredSession {
  id: number;
  roomId: number;
  endedAt: number | null;
}

export interface StoredTimer {
  sessionUuid: string;
  state: string;
  side: string | null;
}

export function findStoredSession(db: KioskDatabase, uuid: string): StoredSession | undefined {
  return db.prepare('SELECT id, room_id AS roomId, ended_at AS endedAt FROM sessions WHERE uuid = ?').get(uuid) as
    StoredSession | undefined;
}

/** The `seq` numbers the workload wrote into its events' detail. */
export function storedEventSeqs(db: KioskDatabase, sessionId: number): Set<number> {
  const seqs = db
    .prepare("SELECT json_extract(detail, '$.seq') FROM session_events WHERE session_id = ?")
    .pluck()
    .all(sessionId) as number[];
  return new Set(seqs);
}

export function countRoomCleanings(db: KioskDatabase, roomId: number): number {
  return db.prepare('SELECT count(*) FROM room_cleanings WHERE room_id = ?').pluck().get(roomId) as number;
}

export function findStoredTimer(db: KioskDatabase, id: number): StoredTimer | undefined {
  return db
    .prepare(
      'SELECT s.uuid AS sessionUuid, t.state, t.side FROM timers t JOIN sessions s ON s.id = t.session_id WHERE t.id = ?',
    )
    .get(id) as StoredTimer | undefined;
}
