import type { KioskDatabase } from '../db/open-database';
import { cachedStatement } from '../db/statement-cache';

/** One "Call a nurse" raised on this kiosk. Times are epoch ms; centreReceivedAt is the centre's clock. */
export interface HelpCallRow {
  id: number;
  roomId: number;
  roomName: string;
  raisedAt: number;
  screen: string;
  centreReceivedAt: number | null;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
}

/** A call still to send to the centre, with how long it has waited (system clock). */
export interface HelpCallOut {
  outboxId: number;
  localId: number;
  roomName: string;
  raisedAt: number;
  screen: string;
  queuedAt: number;
}

const COLUMNS = `id, room_id AS roomId, room_name AS roomName, raised_at AS raisedAt, screen,
  centre_received_at AS centreReceivedAt, acknowledged_at AS acknowledgedAt, acknowledged_by AS acknowledgedBy`;

/** Records the call; in a fleet, its trigger queues it in the same statement. Answers its id. */
export function insertHelpCall(
  db: KioskDatabase,
  call: { roomId: number; roomName: string; raisedAt: number; screen: string },
): number {
  const result = cachedStatement(
    db,
    `INSERT INTO help_calls (room_id, room_name, raised_at, screen) VALUES (@roomId, @roomName, @raisedAt, @screen)`,
  ).run(call);
  return Number(result.lastInsertRowid);
}

export function findHelpCall(db: KioskDatabase, id: number): HelpCallRow | undefined {
  return cachedStatement(db, `SELECT ${COLUMNS} FROM help_calls WHERE id = ?`).get(id) as HelpCallRow | undefined;
}

/** Calls raised in [from, to), oldest first: the reports' figures. */
export function listHelpCallsBetween(db: KioskDatabase, from: number, to: number): HelpCallRow[] {
  return cachedStatement(
    db,
    `SELECT ${COLUMNS} FROM help_calls WHERE raised_at >= ? AND raised_at < ? ORDER BY raised_at, id`,
  ).all(from, to) as HelpCallRow[];
}

/** The oldest queued calls, as they are now. */
export function readHelpCallOutbox(db: KioskDatabase, limit: number): HelpCallOut[] {
  return cachedStatement(
    db,
    `SELECT o.id AS outboxId, c.id AS localId, c.room_name AS roomName, c.raised_at AS raisedAt, c.screen,
       o.queued_at AS queuedAt
     FROM fleet_help_call_outbox o JOIN help_calls c ON c.id = o.help_call_id ORDER BY o.id LIMIT ?`,
  ).all(limit) as HelpCallOut[];
}

export function countHelpCallOutbox(db: KioskDatabase): number {
  return cachedStatement(db, 'SELECT count(*) FROM fleet_help_call_outbox').pluck().get() as number;
}

/** After the centre committed the call: it leaves the queue and keeps the centre's time of receipt, together. */
export function markHelpCallDelivered(db: KioskDatabase, outboxId: number, localId: number, receivedAt: number): void {
  db.transaction(() => {
    cachedStatement(db, 'DELETE FROM fleet_help_call_outbox WHERE id = ?').run(outboxId);
    cachedStatement(db, 'UPDATE help_calls SET centre_received_at = ? WHERE id = ? AND centre_received_at IS NULL').run(
      receivedAt,
      localId,
    );
  }).immediate();
}

/** Calls the centre has and no nurse has answered yet: the ones whose answer may come from another kiosk. */
export function listUnansweredDeliveredCalls(db: KioskDatabase): number[] {
  return cachedStatement(
    db,
    `SELECT id FROM help_calls WHERE centre_received_at IS NOT NULL AND acknowledged_at IS NULL ORDER BY id`,
  )
    .pluck()
    .all() as number[];
}

/** Answers false when the call was already answered (or is unknown): the first answer stands. */
export function markHelpCallAcknowledged(db: KioskDatabase, id: number, at: number, by: string): boolean {
  return (
    cachedStatement(
      db,
      'UPDATE help_calls SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL',
    ).run(at, by, id).changes === 1
  );
}
