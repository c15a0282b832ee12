import type { UnitHelpCall } from '../../../shared/domain';
import type { CentralConnection } from './central-connection';

/** The centre's channel for help calls: a call raised or answered (central migration 7). */
export const HELP_CALLS_CHANNEL = 'fleet_help_calls';

/** The most unanswered calls a kiosk shows at once. */
const OPEN_CALLS_LIMIT = 50;

/**
 * Records one of this kiosk's calls at the centre and answers the centre's time of receipt, once committed. Sent
 * again (the kiosk did not hear the answer), it changes nothing and answers the first receipt's time.
 */
export async function sendHelpCall(
  sql: CentralConnection,
  call: { localId: number; room: string; raisedAt: number; screen: string; waitedMs: number },
): Promise<{ receivedAt: number; late: boolean }> {
  const [row] = await sql.query<{ received_at: Date; late: boolean }>(
    `WITH inserted AS (
       INSERT INTO fleet.help_calls (kiosk_id, local_id, room, raised_at, screen, waited_ms)
       VALUES (current_user, $1, $2, $3, $4, $5)
       ON CONFLICT (kiosk_id, local_id) DO NOTHING
       RETURNING received_at, late)
     SELECT received_at, late FROM inserted
     UNION ALL
     SELECT received_at, late FROM fleet.help_calls WHERE kiosk_id = current_user AND local_id = $1
     LIMIT 1`,
    [call.localId, call.room, new Date(call.raisedAt), call.screen, Math.max(0, Math.round(call.waitedMs))],
  );
  return { receivedAt: row!.received_at.getTime(), late: row!.late };
}

/**
 * Unanswered calls from the other kiosks that row-level security lets this kiosk read, oldest first: its unit's, or
 * every unit's for a nurses' station (central migration 11).
 */
export async function readOpenUnitCalls(sql: CentralConnection): Promise<UnitHelpCall[]> {
  const rows = await sql.query<{
    kiosk_id: string;
    local_id: string;
    kiosk_name: string;
    unit: string | null;
    room: string;
    raised_at: Date;
    received_at: Date;
    late: boolean;
  }>(
    `SELECT kiosk_id, local_id::text, kiosk_name, unit, room, raised_at, received_at, late FROM fleet.help_calls
     WHERE acknowledged_at IS NULL AND kiosk_id <> current_user
     ORDER BY received_at LIMIT ${OPEN_CALLS_LIMIT}`,
  );
  return rows.map((row) => ({
    kioskId: row.kiosk_id,
    localId: Number(row.local_id),
    kioskName: row.kiosk_name,
    unit: row.unit,
    roomName: row.room,
    raisedAt: row.raised_at.getTime(),
    receivedAt: row.received_at.getTime(),
    late: row.late,
  }));
}

/** Answers a call of the unit in a nurse's name; the first answer stands. Answers its time at the centre. */
export async function acknowledgeHelpCall(
  sql: CentralConnection,
  call: { kioskId: string; localId: number },
  staffNumber: string,
): Promise<number> {
  const [row] = await sql.query<{ at: Date }>('SELECT fleet.acknowledge_help_call($1, $2, $3) AS at', [
    call.kioskId,
    call.localId,
    staffNumber,
  ]);
  return row!.at.getTime();
}

/** Which of this kiosk's own calls (`localIds`) a nurse has answered, anywhere. */
export async function readAnsweredOwnCalls(
  sql: CentralConnection,
  localIds: readonly number[],
): Promise<{ localId: number; acknowledgedAt: number; acknowledgedBy: string; byKiosk: string | null }[]> {
  if (localIds.length === 0) return [];
  const rows = await sql.query<{ local_id: string; acknowledged_at: Date; acknowledged_by: string; by: string | null }>(
    `SELECT local_id::text, acknowledged_at, acknowledged_by, acknowledged_by_kiosk AS by FROM fleet.help_calls
     WHERE kiosk_id = current_user AND local_id = ANY($1::bigint[]) AND acknowledged_at IS NOT NULL`,
    [localIds],
  );
  return rows.map((row) => ({
    localId: Number(row.local_id),
    acknowledgedAt: row.acknowledged_at.getTime(),
    acknowledgedBy: row.acknowledged_by,
    byKiosk: row.by,
  }));
}
