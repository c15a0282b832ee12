import type { KioskDatabase } from '../db/open-database';
import { cachedStatement } from '../db/statement-cache';

/** The fleet this kiosk joined and how delivery went (docs/FLEET.md). Times are the kiosk clock's epoch ms. */
export interface FleetLinkRow {
  kioskId: string;
  kioskName: string;
  unit: string | null;
  /** host:port/database and TLS mode, for people reading the status; never a password. */
  server: string;
  joinedAt: number;
  lastAttemptAt: number | null;
  lastDeliveredAt: number | null;
  deliveredRows: number;
  lastError: string | null;
  lastErrorAt: number | null;
}

export interface OutboxBacklog {
  rows: number;
  /** System-clock epoch ms of the oldest undelivered change, or null when nothing waits. */
  oldestQueuedAt: number | null;
}

/** Each row carries outboxSeq, the newest outbox position that named it: the centre keeps the newest copy. */
interface Queued {
  localId: number;
  outboxSeq: number;
}
export interface SessionOut extends Queued {
  uuid: string;
  roomLocalId: number;
  roomName: string;
  kind: string;
  language: string;
  startedAt: number;
  startedBy: string;
  endedAt: number | null;
  endedBy: string | null;
  endReason: string | null;
}
export interface SessionEventOut extends Queued {
  sessionLocalId: number;
  at: number;
  type: string;
  /** JSON text or null. */
  detail: string | null;
}
export interface RoomCleaningOut extends Queued {
  roomLocalId: number;
  roomName: string;
  cleanedAt: number;
  cleanedBy: string;
}
export interface TimerOutcomeOut extends Queued {
  sessionLocalId: number;
  preset: string;
  kind: string;
  durationMs: number | null;
  startedAt: number;
  endedAt: number;
  state: string;
  leftMs: number;
  rightMs: number;
}
export interface AuditEntryOut extends Queued {
  at: number;
  staffNumber: string | null;
  action: string;
  detail: string | null;
}

/** One delivery: the outbox up to lastId, as the rows are now. Rows deleted since they were queued are left out. */
export interface OutboxBatch {
  lastId: number;
  /** Outbox entries covered (several can name one row). */
  entries: number;
  sessions: SessionOut[];
  sessionEvents: SessionEventOut[];
  roomCleanings: RoomCleaningOut[];
  timerOutcomes: TimerOutcomeOut[];
  auditEntries: AuditEntryOut[];
}

export function batchRowCount(batch: OutboxBatch): number {
  return (
    batch.sessions.length +
    batch.sessionEvents.length +
    batch.roomCleanings.length +
    batch.timerOutcomes.length +
    batch.auditEntries.length
  );
}

const LINK_COLUMNS = `kiosk_id AS kioskId, kiosk_name AS kioskName, unit, server, joined_at AS joinedAt,
  last_attempt_at AS lastAttemptAt, last_delivered_at AS lastDeliveredAt, delivered_rows AS deliveredRows,
  last_error AS lastError, last_error_at AS lastErrorAt`;

export function readFleetLink(db: KioskDatabase): FleetLinkRow | undefined {
  return cachedStatement(db, `SELECT ${LINK_COLUMNS} FROM fleet_link WHERE id = 1`).get() as FleetLinkRow | undefined;
}

const QUEUE_NOW = `CAST(unixepoch('subsec') * 1000 AS INTEGER)`;

/**
 * Records the fleet and queues the whole history already on this kiosk, in one transaction: from then on the triggers
 * queue every new change, so nothing falls between the two. Answers how many rows were queued.
 */
export function insertFleetLink(
  db: KioskDatabase,
  link: Pick<FleetLinkRow, 'kioskId' | 'kioskName' | 'unit' | 'server' | 'joinedAt'>,
): number {
  return db
    .transaction(() => {
      db.prepare(
        `INSERT INTO fleet_link (id, kiosk_id, kiosk_name, unit, server, joined_at)
       VALUES (1, @kioskId, @kioskName, @unit, @server, @joinedAt)`,
      ).run(link);
      const queue = (table: string, where = '') =>
        db
          .prepare(
            `INSERT INTO fleet_outbox (table_name, local_id, queued_at)
           SELECT '${table}', id, ${QUEUE_NOW} FROM ${table} ${where} ORDER BY id`,
          )
          .run().changes;
      return (
        queue('sessions') +
        queue('session_events') +
        queue('room_cleanings') +
        queue('timers', `WHERE state IN ('finished', 'cancelled', 'acknowledged')`) +
        queue('audit_log')
      );
    })
    .immediate();
}

/** Forgets the fleet and whatever was not delivered; answers how many changes were dropped. */
export function deleteFleetLink(db: KioskDatabase): number {
  return db
    .transaction(() => {
      const dropped =
        db.prepare('DELETE FROM fleet_outbox').run().changes +
        db.prepare('DELETE FROM fleet_staff_outbox').run().changes +
        db.prepare('DELETE FROM fleet_help_call_outbox').run().changes;
      // Another fleet's change numbers mean nothing: a kiosk that joins again starts its directory afresh.
      db.prepare('UPDATE staff SET fleet_change_no = NULL').run();
      db.prepare("DELETE FROM kiosk_state WHERE key = 'fleetStaffChangeNo'").run();
      db.prepare('DELETE FROM fleet_link').run();
      return dropped;
    })
    .immediate();
}

export function readOutboxBacklog(db: KioskDatabase): OutboxBacklog {
  return cachedStatement(
    db,
    'SELECT count(*) AS rows, min(queued_at) AS oldestQueuedAt FROM fleet_outbox',
  ).get() as OutboxBacklog;
}

/**
 * For the late-delivery notice: when the oldest undelivered change was queued (outbox ids grow with time, so the
 * first entry is the oldest; no count of a long backlog) and the last delivery. Undefined when in no fleet.
 */
export function readDeliveryLag(
  db: KioskDatabase,
): { oldestQueuedAt: number | null; lastDeliveredAt: number | null } | undefined {
  return cachedStatement(
    db,
    `SELECT (SELECT queued_at FROM fleet_outbox ORDER BY id LIMIT 1) AS oldestQueuedAt,
       last_delivered_at AS lastDeliveredAt
     FROM fleet_link WHERE id = 1`,
  ).get() as { oldestQueuedAt: number | null; lastDeliveredAt: number | null } | undefined;
}

export function hasQueuedChanges(db: KioskDatabase): boolean {
  return cachedStatement(db, 'SELECT EXISTS (SELECT 1 FROM fleet_outbox)').pluck().get() === 1;
}

const ROW_QUERIES = {
  sessions: `SELECT s.id AS localId, s.uuid, s.room_id AS roomLocalId, r.name AS roomName, s.kind, s.language,
      s.started_at AS startedAt, started.staff_number AS startedBy, s.ended_at AS endedAt,
      ended.staff_number AS endedBy, s.end_reason AS endReason
    FROM sessions s JOIN rooms r ON r.id = s.room_id JOIN staff started ON started.id = s.started_by
      LEFT JOIN staff ended ON ended.id = s.ended_by
    WHERE s.id IN (SELECT value FROM json_each(?))`,
  session_events: `SELECT id AS localId, session_id AS sessionLocalId, at, type, detail
    FROM session_events WHERE id IN (SELECT value FROM json_each(?))`,
  room_cleanings: `SELECT c.id AS localId, c.room_id AS roomLocalId, r.name AS roomName, c.cleaned_at AS cleanedAt,
      s.staff_number AS cleanedBy
    FROM room_cleanings c JOIN rooms r ON r.id = c.room_id JOIN staff s ON s.id = c.cleaned_by
    WHERE c.id IN (SELECT value FROM json_each(?))`,
  timers: `SELECT id AS localId, session_id AS sessionLocalId, preset, kind, duration_ms AS durationMs,
      started_at AS startedAt, ended_at AS endedAt, state, left_ms AS leftMs, right_ms AS rightMs
    FROM timers WHERE id IN (SELECT value FROM json_each(?))
      AND state IN ('finished', 'cancelled', 'acknowledged')`,
  audit_log: `SELECT a.id AS localId, a.at, s.staff_number AS staffNumber, a.action, a.detail
    FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id WHERE a.id IN (SELECT value FROM json_each(?))`,
} as const;
type OutboxTable = keyof typeof ROW_QUERIES;

/** The oldest `limit` outbox entries and the rows they name, as those rows are now. */
export function readOutboxBatch(db: KioskDatabase, limit: number): OutboxBatch {
  // One read transaction: the entries and the rows come from the same snapshot.
  return db.transaction(() => {
    const entries = cachedStatement(
      db,
      'SELECT id, table_name AS tableName, local_id AS localId FROM fleet_outbox ORDER BY id LIMIT ?',
    ).all(limit) as { id: number; tableName: OutboxTable; localId: number }[];
    const newest = new Map<OutboxTable, Map<number, number>>();
    for (const entry of entries) {
      let seqs = newest.get(entry.tableName);
      if (!seqs) newest.set(entry.tableName, (seqs = new Map()));
      seqs.set(entry.localId, entry.id);
    }
    const rows = <T extends Queued>(table: OutboxTable): T[] => {
      const seqs = newest.get(table);
      if (!seqs) return [];
      const found = cachedStatement(db, ROW_QUERIES[table]).all(JSON.stringify([...seqs.keys()])) as T[];
      return found.map((row) => ({ ...row, outboxSeq: seqs.get(row.localId)! }));
    };
    return {
      lastId: entries.at(-1)?.id ?? 0,
      entries: entries.length,
      sessions: rows<SessionOut>('sessions'),
      sessionEvents: rows<SessionEventOut>('session_events'),
      roomCleanings: rows<RoomCleaningOut>('room_cleanings'),
      timerOutcomes: rows<TimerOutcomeOut>('timers'),
      auditEntries: rows<AuditEntryOut>('audit_log'),
    };
  })();
}

/** After the centre committed: the batch leaves the outbox and the link records the delivery, together. */
export function markOutboxDelivered(db: KioskDatabase, lastId: number, rows: number, at: number): void {
  db.transaction(() => {
    cachedStatement(db, 'DELETE FROM fleet_outbox WHERE id <= ?').run(lastId);
    cachedStatement(
      db,
      `UPDATE fleet_link SET last_attempt_at = @at, last_delivered_at = @at, delivered_rows = delivered_rows + @rows,
         last_error = NULL, last_error_at = NULL WHERE id = 1`,
    ).run({ at, rows });
  }).immediate();
}

/** A delivery that did not reach the centre: the outbox stays as it is; the link says why and when. */
export function noteDeliveryFailure(db: KioskDatabase, message: string, at: number): void {
  cachedStatement(
    db,
    'UPDATE fleet_link SET last_attempt_at = @at, last_error = @message, last_error_at = @at WHERE id = 1',
  ).run({ at, message: message.slice(0, 1000) });
}
