import type postgres from 'postgres';
import type { OutboxBatch } from '../../core/repositories/fleet-outbox-repository';

/** Epoch milliseconds as a timestamptz parameter (postgres.js sends a Date as one). */
const at = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

/**
 * Writes one outbox batch in one transaction, as this kiosk's role. Idempotent: every row is keyed by (kiosk_id,
 * local_id); a row that can change (a session that ended, a timer whose outcome was seen) replaces the stored copy only
 * when its outbox position is newer, and the others are inserted once. So a batch delivered twice (the kiosk was
 * stopped after the centre committed and before it noted that) changes nothing the second time, and an older copy
 * never overwrites a newer one. Row-level security refuses rows in another kiosk's name.
 */
export async function uploadBatch(sql: postgres.Sql, kioskId: string, batch: OutboxBatch): Promise<void> {
  await sql.begin(async (tx) => {
    if (batch.sessions.length > 0) {
      const rows = batch.sessions.map((row) => ({
        kiosk_id: kioskId,
        local_id: row.localId,
        uuid: row.uuid,
        room_local_id: row.roomLocalId,
        room_name: row.roomName,
        kind: row.kind,
        language: row.language,
        started_at: at(row.startedAt),
        started_by: row.startedBy,
        ended_at: at(row.endedAt),
        ended_by: row.endedBy,
        end_reason: row.endReason,
        outbox_seq: row.outboxSeq,
      }));
      await tx`INSERT INTO fleet.sessions ${tx(rows)}
        ON CONFLICT (kiosk_id, local_id) DO UPDATE SET
          room_name = excluded.room_name, ended_at = excluded.ended_at, ended_by = excluded.ended_by,
          end_reason = excluded.end_reason, outbox_seq = excluded.outbox_seq
        WHERE fleet.sessions.outbox_seq < excluded.outbox_seq`;
    }
    if (batch.sessionEvents.length > 0) {
      const rows = batch.sessionEvents.map((row) => ({
        kiosk_id: kioskId,
        local_id: row.localId,
        session_local_id: row.sessionLocalId,
        at: at(row.at),
        type: row.type,
        detail: row.detail,
        outbox_seq: row.outboxSeq,
      }));
      await tx`INSERT INTO fleet.session_events ${tx(rows)} ON CONFLICT (kiosk_id, local_id) DO NOTHING`;
    }
    if (batch.roomCleanings.length > 0) {
      const rows = batch.roomCleanings.map((row) => ({
        kiosk_id: kioskId,
        local_id: row.localId,
        room_local_id: row.roomLocalId,
        room_name: row.roomName,
        cleaned_at: at(row.cleanedAt),
        cleaned_by: row.cleanedBy,
        outbox_seq: row.outboxSeq,
      }));
      await tx`INSERT INTO fleet.room_cleanings ${tx(rows)} ON CONFLICT (kiosk_id, local_id) DO NOTHING`;
    }
    if (batch.timerOutcomes.length > 0) {
      const rows = batch.timerOutcomes.map((row) => ({
        kiosk_id: kioskId,
        local_id: row.localId,
        session_local_id: row.sessionLocalId,
        preset: row.preset,
        kind: row.kind,
        duration_ms: row.durationMs,
        started_at: at(row.startedAt),
        ended_at: at(row.endedAt),
        state: row.state,
        left_ms: row.leftMs,
        right_ms: row.rightMs,
        outbox_seq: row.outboxSeq,
      }));
      await tx`INSERT INTO fleet.timer_outcomes ${tx(rows)}
        ON CONFLICT (kiosk_id, local_id) DO UPDATE SET
          ended_at = excluded.ended_at, state = excluded.state, left_ms = excluded.left_ms,
          right_ms = excluded.right_ms, outbox_seq = excluded.outbox_seq
        WHERE fleet.timer_outcomes.outbox_seq < excluded.outbox_seq`;
    }
    if (batch.auditEntries.length > 0) {
      const rows = batch.auditEntries.map((row) => ({
        kiosk_id: kioskId,
        local_id: row.localId,
        at: at(row.at),
        staff_number: row.staffNumber,
        action: row.action,
        detail: row.detail,
        outbox_seq: row.outboxSeq,
      }));
      await tx`INSERT INTO fleet.audit_log ${tx(rows)} ON CONFLICT (kiosk_id, local_id) DO NOTHING`;
    }
  });
}

/** The kiosk's own registration, read with its own credentials: proves the password and the role in one query. */
export async function readOwnRegistration(
  sql: postgres.Sql,
): Promise<{ kioskId: string; name: string; unit: string | null } | undefined> {
  const rows = await sql`SELECT current_user AS kiosk_id, name, unit FROM fleet.kiosks WHERE kiosk_id = current_user`;
  const row = rows[0];
  return row && { kioskId: row.kiosk_id as string, name: row.name as string, unit: row.unit as string | null };
}
