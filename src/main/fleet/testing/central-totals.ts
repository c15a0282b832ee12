/**
 * What the centre holds, counted straight from the delivered sessions (a scan, not the daily totals the Reports tab
 * reads), so a test can compare the screen with an independent count. Read as the cluster's superuser.
 */
import { openCentral, type ConnectionSettings } from '../central/connection-settings';

export interface SessionTotals {
  sessions: number;
  endedSessions: number;
  durationMs: number;
}

/** Sessions that started on the UTC days `from` to `to` (inclusive), every kiosk's or one unit's. */
export async function scanCentralSessions(
  superuser: ConnectionSettings,
  range: { from: string; to: string; unit?: string },
): Promise<SessionTotals> {
  const sql = openCentral(superuser);
  try {
    const [row] = await sql.query<{ sessions: number; ended: number; duration: string }>(
      `SELECT count(*)::int AS sessions, count(s.ended_at)::int AS ended,
              coalesce(sum((extract(epoch FROM s.ended_at - s.started_at) * 1000)::bigint), 0)::text AS duration
         FROM fleet.sessions s JOIN fleet.kiosks k USING (kiosk_id)
        WHERE (s.started_at AT TIME ZONE 'UTC')::date BETWEEN $1::date AND $2::date
          AND ($3::text IS NULL OR k.unit = $3)`,
      [range.from, range.to, range.unit ?? null],
    );
    return { sessions: row!.sessions, endedSessions: row!.ended, durationMs: Number(row!.duration) };
  } finally {
    await sql.end();
  }
}
