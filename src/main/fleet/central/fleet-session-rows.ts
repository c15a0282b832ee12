import type { CentralConnection } from './central-connection';
import { fleetRoles } from './fleet-roles';

/** kiosk name, then the single-kiosk export's session columns (times as UTC epoch ms, duration in ms). */
export type FleetSessionRow = [
  kiosk: string,
  uuid: string,
  room: string,
  kind: string,
  language: string,
  startedAt: number,
  endedAt: number | null,
  durationMs: number | null,
  endReason: string | null,
  startedBy: string,
  guides: number,
  slides: number,
  timers: number,
  help: number,
];

const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::bigint`;

/**
 * Sessions of every kiosk (of unit $3 only, when not null) that started in [start, end), in start order; events counted
 * through their index.
 */
export const FLEET_SESSION_ROWS = `SELECT k.name, s.uuid::text, s.room_name, s.kind, s.language, ${ms('s.started_at')},
    ${ms('s.ended_at')}, ${ms('s.ended_at - s.started_at')}, s.end_reason, s.started_by,
    coalesce(e.guides, 0), coalesce(e.slides, 0), coalesce(e.timers, 0), coalesce(e.help, 0)
  FROM fleet.sessions s JOIN fleet.kiosks k USING (kiosk_id)
  LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE type = 'guide-viewed') AS guides,
      count(*) FILTER (WHERE type = 'slide-viewed') AS slides,
      count(*) FILTER (WHERE type = 'timer-started') AS timers,
      count(*) FILTER (WHERE type = 'help-requested') AS help
    FROM fleet.session_events ev WHERE ev.kiosk_id = s.kiosk_id AND ev.session_local_id = s.local_id) e ON true
  WHERE s.started_at >= $1 AND s.started_at < $2 AND ($3::text IS NULL OR k.unit = $3)
  ORDER BY s.started_at, k.name, s.local_id`;

/** Thrown when the connected role may not read every kiosk's rows (a kiosk's own credentials, say). */
export class NotAReporterError extends Error {}

/**
 * Refuses a role that is neither in the fleet's reporting group nor the owner: row-level security would otherwise
 * quietly show a kiosk's credentials only that kiosk's rows, and the export would look complete when it is not.
 */
export async function assertReporter(sql: CentralConnection): Promise<void> {
  const [row] = await sql.query<{ user: string; reporting: string; allowed: boolean }>(
    `SELECT current_user AS user, $1::text AS reporting,
       pg_has_role(current_user, $1::text, 'MEMBER')
         OR pg_has_role(current_user, (SELECT nspowner FROM pg_namespace WHERE nspname = 'fleet'), 'MEMBER') AS allowed`,
    [fleetRoles((await sql.query<{ db: string }>('SELECT current_database() AS db'))[0]!.db).reporting],
  );
  if (!row?.allowed) {
    throw new NotAReporterError(
      `The role ${row?.user ?? '?'} may not read every kiosk's rows, so the fleet export is refused. ` +
        `Use a login role in the reporting group ${row?.reporting ?? ''} (fleet add-reporter), not a kiosk's credentials.`,
    );
  }
}

/**
 * Streams the sessions through a server-side cursor, `fetchSize` rows at a time, in one read-only transaction (one
 * consistent snapshot): memory stays flat however many rows the fleet holds. `onRows` may await (a full stream).
 * With `range.unit`, only the sessions of that unit's kiosks.
 */
export async function forEachFleetSession(
  sql: CentralConnection,
  range: { start: number; end: number; unit?: string },
  onRows: (rows: FleetSessionRow[]) => Promise<void> | void,
  fetchSize = 2_000,
): Promise<number> {
  return sql.transaction(async (tx) => {
    await tx.query('SET TRANSACTION READ ONLY');
    await tx.query(`DECLARE fleet_sessions NO SCROLL CURSOR FOR ${FLEET_SESSION_ROWS}`, [
      new Date(range.start),
      new Date(range.end),
      range.unit ?? null,
    ]);
    let total = 0;
    for (;;) {
      const raw = await tx.queryArrays(`FETCH ${fetchSize} FROM fleet_sessions`);
      if (raw.length === 0) return total;
      total += raw.length;
      await onRows(
        raw.map(
          (r) =>
            [
              r[0],
              r[1],
              r[2],
              r[3],
              r[4],
              Number(r[5]),
              r[6] === null ? null : Number(r[6]),
              r[7] === null ? null : Number(r[7]),
              r[8],
              r[9],
              Number(r[10]),
              Number(r[11]),
              Number(r[12]),
              Number(r[13]),
            ] as FleetSessionRow,
        ),
      );
    }
  });
}
