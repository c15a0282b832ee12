import type { EndReason } from '../../../shared/domain';
import type { KioskDatabase } from '../db/open-database';
import type { NewSession } from './sessions-repository';

/** A whole, already ended session, as synthetic history (the seed tool) writes it. */
export interface HistorySession extends NewSession {
  endedAt: number;
  endedBy: number | null;
  endReason: EndReason;
}

export interface HistoryWriter {
  insertSession(session: HistorySession): number;
  insertEvent(sessionId: number, at: number, type: string, detail: string | null): void;
}

/**
 * Writes history in bulk with statements prepared once (the kiosk's own writes prepare per call, which is fine for
 * one session but not for a million). The caller wraps batches in transactions.
 */
export function createHistoryWriter(db: KioskDatabase): HistoryWriter {
  const session = db.prepare(
    `INSERT INTO sessions (uuid, room_id, kind, language, started_at, started_by, ended_at, ended_by, end_reason)
     VALUES (@uuid, @roomId, @kind, @language, @startedAt, @startedBy, @endedAt, @endedBy, @endReason)`,
  );
  const event = db.prepare('INSERT INTO session_events (session_id, at, type, detail) VALUES (?, ?, ?, ?)');
  return {
    insertSession: (row) => Number(session.run(row).lastInsertRowid),
    insertEvent: (sessionId, at, type, detail) => void event.run(sessionId, at, type, detail),
  };
}

export function countSessions(db: KioskDatabase): number {
  return db.prepare('SELECT count(*) FROM sessions').pluck().get() as number;
}
