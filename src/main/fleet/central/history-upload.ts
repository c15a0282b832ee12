import type { OutboxBatch } from '../../core/repositories/fleet-outbox-repository';
import type { CentralConnection } from './central-connection';

/** Epoch milliseconds as a timestamptz parameter (node-postgres sends a Date with its offset). */
const at = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

/**
 * Each table's rows travel as one array per column, unnested by the server: one fixed statement per table whatever
 * the batch's size, every value a bind parameter. The kiosk id is the first parameter.
 */
const INSERT_SESSIONS = `INSERT INTO fleet.sessions (kiosk_id, local_id, uuid, room_local_id, room_name, kind, language,
    started_at, started_by, ended_at, ended_by, end_reason, outbox_seq)
  SELECT $1::text, row.* FROM unnest($2::bigint[], $3::uuid[], $4::bigint[], $5::text[], $6::text[], $7::text[],
    $8::timestamptz[], $9::text[], $10::timestamptz[], $11::text[], $12::text[], $13::bigint[]) AS row
  ON CONFLICT (kiosk_id, local_id) DO UPDATE SET
    room_name = excluded.room_name, ended_at = excluded.ended_at, ended_by = excluded.ended_by,
    end_reason = excluded.end_reason, outbox_seq = excluded.outbox_seq
  WHERE fleet.sessions.outbox_seq < excluded.outbox_seq`;

const INSERT_SESSION_EVENTS = `INSERT INTO fleet.session_events (kiosk_id, local_id, session_local_id, at, type, detail,
    outbox_seq)
  SELECT $1::text, row.* FROM unnest($2::bigint[], $3::bigint[], $4::timestamptz[], $5::text[], $6::jsonb[],
    $7::bigint[]) AS row
  ON CONFLICT (kiosk_id, local_id) DO NOTHING`;

const INSERT_ROOM_CLEANINGS = `INSERT INTO fleet.room_cleanings (kiosk_id, local_id, room_local_id, room_name,
    cleaned_at, cleaned_by, outbox_seq)
  SELECT $1::text, row.* FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::timestamptz[], $6::text[],
    $7::bigint[]) AS row
  ON CONFLICT (kiosk_id, local_id) DO NOTHING`;

const INSERT_TIMER_OUTCOMES = `INSERT INTO fleet.timer_outcomes (kiosk_id, local_id, session_local_id, preset, kind,
    duration_ms, started_at, ended_at, state, left_ms, right_ms, outbox_seq)
  SELECT $1::text, row.* FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::bigint[],
    $7::timestamptz[], $8::timestamptz[], $9::text[], $10::bigint[], $11::bigint[], $12::bigint[]) AS row
  ON CONFLICT (kiosk_id, local_id) DO UPDATE SET
    ended_at = excluded.ended_at, state = excluded.state, left_ms = excluded.left_ms,
    right_ms = excluded.right_ms, outbox_seq = excluded.outbox_seq
  WHERE fleet.timer_outcomes.outbox_seq < excluded.outbox_seq`;

const INSERT_AUDIT_ENTRIES = `INSERT INTO fleet.audit_log (kiosk_id, local_id, at, staff_number, action, detail,
    outbox_seq)
  SELECT $1::text, row.* FROM unnest($2::bigint[], $3::timestamptz[], $4::text[], $5::text[], $6::jsonb[],
    $7::bigint[]) AS row
  ON CONFLICT (kiosk_id, local_id) DO NOTHING`;

/** The rows' values as one array per column, in the order `pick` lists them. */
function columns<Row>(rows: readonly Row[], pick: (row: Row) => unknown[]): unknown[][] {
  const picked = rows.map(pick);
  return (picked[0] ?? []).map((_, index) => picked.map((values) => values[index]));
}

/**
 * Writes one outbox batch in one transaction, as this kiosk's role. Idempotent: every row is keyed by (kiosk_id,
 * local_id); a row that can change (a session that ended, a timer whose outcome was seen) replaces the stored copy only
 * when its outbox position is newer, and the others are inserted once. So a batch delivered twice (the kiosk was
 * stopped after the centre committed and before it noted that) changes nothing the second time, and an older copy
 * never overwrites a newer one. Row-level security refuses rows in another kiosk's name.
 */
export async function uploadBatch(sql: CentralConnection, kioskId: string, batch: OutboxBatch): Promise<void> {
  await sql.transaction(async (tx) => {
    const insert = async <Row>(statement: string, rows: readonly Row[], pick: (row: Row) => unknown[]) => {
      if (rows.length > 0) await tx.query(statement, [kioskId, ...columns(rows, pick)]);
    };
    await insert(INSERT_SESSIONS, batch.sessions, (row) => [
      row.localId,
      row.uuid,
      row.roomLocalId,
      row.roomName,
      row.kind,
      row.language,
      at(row.startedAt),
      row.startedBy,
      at(row.endedAt),
      row.endedBy,
      row.endReason,
      row.outboxSeq,
    ]);
    await insert(INSERT_SESSION_EVENTS, batch.sessionEvents, (row) => [
      row.localId,
      row.sessionLocalId,
      at(row.at),
      row.type,
      row.detail,
      row.outboxSeq,
    ]);
    await insert(INSERT_ROOM_CLEANINGS, batch.roomCleanings, (row) => [
      row.localId,
      row.roomLocalId,
      row.roomName,
      at(row.cleanedAt),
      row.cleanedBy,
      row.outboxSeq,
    ]);
    await insert(INSERT_TIMER_OUTCOMES, batch.timerOutcomes, (row) => [
      row.localId,
      row.sessionLocalId,
      row.preset,
      row.kind,
      row.durationMs,
      at(row.startedAt),
      at(row.endedAt),
      row.state,
      row.leftMs,
      row.rightMs,
      row.outboxSeq,
    ]);
    await insert(INSERT_AUDIT_ENTRIES, batch.auditEntries, (row) => [
      row.localId,
      at(row.at),
      row.staffNumber,
      row.action,
      row.detail,
      row.outboxSeq,
    ]);
  });
}

/** The kiosk's own registration, read with its own credentials: proves the password and the role in one query. */
export async function readOwnRegistration(
  sql: CentralConnection,
): Promise<{ kioskId: string; name: string; unit: string | null } | undefined> {
  const [row] = await sql.query<{ kiosk_id: string; name: string; unit: string | null }>(
    'SELECT current_user AS kiosk_id, name, unit FROM fleet.kiosks WHERE kiosk_id = current_user',
  );
  return row && { kioskId: row.kiosk_id, name: row.name, unit: row.unit };
}
