import type { KioskDatabase } from '../db/open-database';
import { cachedStatement } from '../db/statement-cache';

export interface SessionEventRow {
  id: number;
  sessionId: number;
  at: number;
  type: string;
  detail: Record<string, unknown> | null;
}

export function insertSessionEvent(
  db: KioskDatabase,
  event: { sessionId: number; at: number; type: string; detail?: Record<string, unknown> | null },
): number {
  const detail = event.detail == null ? null : JSON.stringify(event.detail);
  const result = cachedStatement(
    db,
    'INSERT INTO session_events (session_id, at, type, detail) VALUES (?, ?, ?, ?)',
  ).run(event.sessionId, event.at, event.type, detail);
  return Number(result.lastInsertRowid);
}

export function listSessionEvents(db: KioskDatabase, sessionId: number): SessionEventRow[] {
  const rows = cachedStatement(
    db,
    'SELECT id, session_id AS sessionId, at, type, detail FROM session_events WHERE session_id = ? ORDER BY at, id',
  ).all(sessionId) as (Omit<SessionEventRow, 'detail'> & { detail: string | null })[];
  return rows.map((row) => ({
    ...row,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
  }));
}
