import type { FleetScope } from '../../../shared/fleet-report';
import type { CentralConnection } from './central-connection';

/** One UTC day of a unit's or the hospital's totals (migration 2's views). */
export interface DailyTotalsRow {
  day: string;
  sessions: number;
  endedSessions: number;
  durationMs: number;
  kiosks: number;
}

/**
 * The calling kiosk's own registration: a kiosk's role reads only its own row of fleet.kiosks (row-level security).
 * Undefined when the centre no longer knows this kiosk.
 */
export async function readOwnUnit(sql: CentralConnection): Promise<{ unit: string | null } | undefined> {
  const [row] = await sql.query<{ unit: string | null }>('SELECT unit FROM fleet.kiosks WHERE kiosk_id = current_user');
  return row && { unit: row.unit };
}

// Dates and bigints travel as text: node-postgres would turn a date into a local-time Date and a bigint into a string.
const COLUMNS = `to_char(day, 'YYYY-MM-DD') AS day, sessions::text AS sessions,
  ended_sessions::text AS ended_sessions, duration_ms::text AS duration_ms, kiosks`;

const STATEMENTS: Record<FleetScope, string> = {
  unit: `SELECT ${COLUMNS} FROM fleet.unit_daily_totals
    WHERE unit = $3 AND day BETWEEN $1::date AND $2::date ORDER BY day`,
  hospital: `SELECT ${COLUMNS} FROM fleet.hospital_daily_totals
    WHERE day BETWEEN $1::date AND $2::date ORDER BY day`,
};

/** The days from `from` to `to` (inclusive UTC dates) that have totals, in order; `unit` is for the unit scope. */
export async function readDailyTotals(
  sql: CentralConnection,
  request: { scope: FleetScope; from: string; to: string; unit?: string },
): Promise<DailyTotalsRow[]> {
  const values = request.scope === 'unit' ? [request.from, request.to, request.unit] : [request.from, request.to];
  const rows = await sql.query<{
    day: string;
    sessions: string;
    ended_sessions: string;
    duration_ms: string;
    kiosks: number;
  }>(STATEMENTS[request.scope], values);
  return rows.map((row) => ({
    day: row.day,
    sessions: Number(row.sessions),
    endedSessions: Number(row.ended_sessions),
    durationMs: Number(row.duration_ms),
    kiosks: row.kiosks,
  }));
}
