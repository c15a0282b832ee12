import type { OutboxBatch } from '../../core/repositories/fleet-outbox-repository';
import type { CentralConnection } from './central-connection';

/** Epoch milliseconds as a timestamptz parameter (node-postgres sends a Date with its offset). */
const at = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

/**
 * Each table's rows travel as one array per column, unnested by the server: one fixed statement per table whatever
 * the batch's size, every value a bind parameter. The kiosk id is the first parameter. `columns` are "name type"
 * pairs after kiosk_id, in the order the rows' values are picked, local_id first and outbox_seq last; `replaced` are
 * the columns a newer copy of a row overwrites (none: a row is inserted once and never changes).
 */
function uploadStatement(table: string, columns: string, replaced: readonly string[] = []): string {
  const pairs = columns.split(',').map((pair) => pair.trim().split(' ') as [string, string]);
  const names = pairs.map(([name]) => name).join(', ');
  const arrays = pairs.map(([, type], index) => `$${index + 2}::${type}[]`).join(', ');
  const onConflict =
    replaced.length === 0
      ? 'DO NOTHING'
      : `DO UPDATE SET ${[...replaced, 'outbox_seq'].map((name) => `${name} = excluded.${name}`).join(', ')}
  WHERE fleet.${table}.outbox_seq < excluded.outbox_seq`;
  return `INSERT INTO fleet.${table} (kiosk_id, ${names})
  SELECT $1::text, row.* FROM unnest(${arrays}) AS row
  ON CONFLICT (kiosk_id, local_id) ${onConflict}`;
}

const INSERT_SESSIONS = uploadStatement(
  'sessions',
  `local_id bigint, uuid uuid, room_local_id bigint, room_name text, kind text, language text,
   started_at timestamptz, started_by text, ended_at timestamptz, ended_by text, end_reason text, outbox_seq bigint`,
  ['room_name', 'ended_at', 'ended_by', 'end_reason'],
);

const INSERT_SESSION_EVENTS = uploadStatement(
  'session_events',
  // The detail twice: jsonb to query, and the kiosk's own text (jsonb reorders keys) for the events export.
  'local_id bigint, session_local_id bigint, at timestamptz, type text, detail jsonb, detail_text text, outbox_seq bigint',
);

const INSERT_ROOM_CLEANINGS = uploadStatement(
  'room_cleanings',
  'local_id bigint, room_local_id bigint, room_name text, cleaned_at timestamptz, cleaned_by text, outbox_seq bigint',
);

const INSERT_TIMER_OUTCOMES = uploadStatement(
  'timer_outcomes',
  `local_id bigint, session_local_id bigint, preset text, kind text, duration_ms bigint, started_at timestamptz,
   ended_at timestamptz, state text, left_ms bigint, right_ms bigint, outbox_seq bigint`,
  ['ended_at', 'state', 'left_ms', 'right_ms'],
);

const INSERT_AUDIT_ENTRIES = uploadStatement(
  'audit_log',
  'local_id bigint, at timestamptz, staff_number text, action text, detail jsonb, outbox_seq bigint',
);

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
