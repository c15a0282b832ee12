import type { CentralConnection } from './central-connection';

export const ROOM_STATES = ['free', 'occupied', 'needs-cleaning'] as const;
export type SharedRoomState = (typeof ROOM_STATES)[number];

/** One home room as its kiosk publishes it: how long ago its state began, not when (the centre stamps the time). */
export interface PublishedRoom {
  roomId: number;
  name: string;
  state: SharedRoomState;
  /** Milliseconds since the state began on the home kiosk; null when the kiosk cannot tell (a room never used). */
  sinceAgoMs: number | null;
}

/** One room of another kiosk of the unit, with ages the centre measured on its own clock when it answered. */
export interface UnitRoomState {
  kioskId: string;
  kioskName: string;
  roomId: number;
  name: string;
  state: SharedRoomState;
  /** How long the state had lasted when the centre answered; null when unknown. */
  sinceAgoMs: number | null;
  /** How long ago the home kiosk last published (its rooms' "as of"). */
  updatedAgoMs: number;
}

/**
 * Replaces this kiosk's published rooms with `rooms`, whole, in one transaction: each upserted (every write refreshes
 * its `updated_at`, the "as of"), and rooms no longer active removed. The kiosk is the login role (RLS refuses any
 * other kiosk's rows); its name and unit come from its registration, by trigger.
 */
export async function publishRoomStates(sql: CentralConnection, rooms: readonly PublishedRoom[]): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.execute(
      `INSERT INTO fleet.room_states AS r (room_local_id, room_name, state, since)
         SELECT id, name, state, now() - ago * interval '1 millisecond'
           FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[]) AS t (id, name, state, ago)
         ON CONFLICT (kiosk_id, room_local_id) DO UPDATE
           SET room_name = excluded.room_name, state = excluded.state,
             -- The same state still: keep its start, so a kiosk's clock drifting between two writes moves nothing.
             since = CASE WHEN r.state = excluded.state AND r.since IS NOT NULL AND excluded.since IS NOT NULL
                          AND abs(extract(epoch FROM r.since - excluded.since)) < 5 THEN r.since
                          ELSE excluded.since END`,
      [
        rooms.map((room) => room.roomId),
        rooms.map((room) => room.name),
        rooms.map((room) => room.state),
        rooms.map((room) => (room.sinceAgoMs === null ? null : Math.max(0, Math.round(room.sinceAgoMs)))),
      ],
    );
    await tx.execute(
      'DELETE FROM fleet.room_states WHERE kiosk_id = current_user AND NOT (room_local_id = ANY ($1::bigint[]))',
      [rooms.map((room) => room.roomId)],
    );
  });
}

interface RawUnitRoom {
  kiosk_id: string;
  kiosk_name: string;
  room_local_id: string;
  room_name: string;
  state: SharedRoomState;
  since_ago_ms: string | null;
  updated_ago_ms: string;
}

/** The rooms of the other kiosks of this kiosk's unit (row-level security decides which), by kiosk name and room. */
export async function readUnitRoomStates(sql: CentralConnection): Promise<UnitRoomState[]> {
  const rows = await sql.query<RawUnitRoom>(
    `SELECT kiosk_id, kiosk_name, room_local_id::text, room_name, state,
            round(extract(epoch FROM now() - since) * 1000)::bigint::text AS since_ago_ms,
            round(extract(epoch FROM now() - updated_at) * 1000)::bigint::text AS updated_ago_ms
       FROM fleet.room_states
      WHERE kiosk_id <> current_user
      ORDER BY kiosk_name, room_local_id`,
  );
  return rows.map((row) => ({
    kioskId: row.kiosk_id,
    kioskName: row.kiosk_name,
    roomId: Number(row.room_local_id),
    name: row.room_name,
    state: row.state,
    sinceAgoMs: row.since_ago_ms === null ? null : Math.max(0, Number(row.since_ago_ms)),
    updatedAgoMs: Math.max(0, Number(row.updated_ago_ms)),
  }));
}
