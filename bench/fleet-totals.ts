/**
 * Hospital-wide totals from the fleet's PostgreSQL: the daily rollup (central migration 2) against a scan of
 * fleet.sessions, and `export --fleet` against `psql \copy` of the same COPY statement (bench/fleet-export.ts).
 * Sessions of 100 kiosks and their events are seeded straight into the central tables on a throwaway cluster with
 * generate_series (not through kiosks: a million sessions delivered by kiosks would take the bench an hour).
 */
import { migrateCentral } from '../src/main/fleet/central/central-migrate';
import { openCentral } from '../src/main/fleet/central/connection-settings';
import {
  findServerBinaries,
  startThrowawayCluster,
  superuserSettings,
} from '../src/main/fleet/testing/throwaway-cluster';
import { measureFleetExport, type FleetExportResult } from './fleet-export';
import { median, timeOnce } from './statistics';

export interface FleetTotalsResult {
  sessions: number;
  seedMs: number;
  rollupMonthMs: number;
  scanMonthMs: number;
  rollupAllMs: number;
  scanAllMs: number;
  /** scan ÷ rollup, whole history */
  scanToRollup: number;
  events: number;
  seedEventsMs: number;
  export: FleetExportResult;
}

const DAYS = 365;

export async function measureFleetTotals(sessions: number): Promise<FleetTotalsResult> {
  const cluster = await startThrowawayCluster();
  const sql = openCentral({
    host: cluster.host,
    port: cluster.port,
    user: cluster.user,
    password: cluster.password,
    database: 'postgres',
    tls: 'disable',
  });
  try {
    await migrateCentral(sql);
    await sql.query(`INSERT INTO fleet.kiosks (kiosk_id, name, unit)
      SELECT 'k' || n, 'Kiosk ' || n, 'Unit ' || (n % 10) FROM generate_series(1, 100) n`);
    // Seeded as one statement with the trigger on: the rollup is kept exactly as deliveries keep it.
    const seedMs = await timeOnce(() =>
      sql.query(
        `INSERT INTO fleet.sessions (kiosk_id, local_id, uuid, room_local_id, room_name, kind, language, started_at,
           started_by, ended_at, ended_by, end_reason, outbox_seq)
         SELECT 'k' || (1 + n % 100), n, gen_random_uuid(), 1 + n % 31, 'Room ' || (1 + n % 31),
           (ARRAY['breastfeeding', 'pumping', 'hand-expression'])[1 + n % 3], (ARRAY['en', 'es'])[1 + n % 2],
           timestamptz '2026-01-01' + (n::float8 / $1 * $2) * interval '1 day', (100 + n % 40)::text,
           CASE WHEN n % 500 <> 0 THEN timestamptz '2026-01-01' + (n::float8 / $1 * $2) * interval '1 day'
             + (600 + n % 1800) * interval '1 second' END,
           (100 + n % 40)::text, CASE WHEN n % 500 <> 0 THEN 'completed' END, n
         FROM generate_series(1, $1::int) n`,
        [sessions, DAYS],
      ),
    );
    // 3 to 6 events a session (4.5 on average; the kiosk seed's history has 4.6), every type the export counts among
    // them. Seeded with the triggers on: each session's event counts (central migration 5) are kept as deliveries
    // keep them, and the export reads them.
    const seedEventsMs = await timeOnce(() =>
      sql.query(
        `INSERT INTO fleet.session_events (kiosk_id, local_id, session_local_id, at, type, detail, outbox_seq)
         SELECT 'k' || (1 + n % 100), n * 8 + j, n,
           timestamptz '2026-01-01' + (n::float8 / $1 * $2) * interval '1 day' + j * interval '1 minute',
           (ARRAY['guide-viewed', 'slide-viewed', 'timer-started', 'timer-finished', 'help-requested',
             'language-changed'])[1 + (n + j) % 6],
           '{"guide":"cradle"}'::jsonb, n * 8 + j
         FROM generate_series(1, $1::int) n CROSS JOIN LATERAL generate_series(1, 3 + n % 4) j`,
        [sessions, DAYS],
      ),
    );
    const [{ events }] = (await sql.query<{ events: number }>(
      'SELECT count(*)::int AS events FROM fleet.session_events',
    )) as [{ events: number }];
    await sql.query('VACUUM ANALYZE');
    const month = ['2026-06-01', '2026-07-01'];
    const rollup = (from: string, to: string) =>
      sql.query(
        `SELECT sum(sessions), sum(ended_sessions), sum(duration_ms) FROM fleet.daily_totals
         WHERE day >= $1::date AND day < $2::date`,
        [from, to],
      );
    const scan = (from: string, to: string) =>
      sql.query(
        `SELECT count(*), count(ended_at), sum((extract(epoch FROM ended_at - started_at) * 1000)::bigint)
         FROM fleet.sessions WHERE started_at >= $1::date AND started_at < $2::date`,
        [from, to],
      );
    const times = async (run: () => Promise<unknown>) => {
      await run();
      const samples: number[] = [];
      for (let i = 0; i < 5; i++) samples.push(await timeOnce(run));
      return median(samples);
    };
    const rollupMonthMs = await times(() => rollup(month[0]!, month[1]!));
    const scanMonthMs = await times(() => scan(month[0]!, month[1]!));
    const rollupAllMs = await times(() => rollup('2000-01-01', '2100-01-01'));
    const scanAllMs = await times(() => scan('2000-01-01', '2100-01-01'));
    const found = findServerBinaries();
    if ('missing' in found) throw new Error(found.missing);
    const exported = await measureFleetExport(superuserSettings(cluster), found.bin, 5);
    return {
      sessions,
      seedMs,
      rollupMonthMs,
      scanMonthMs,
      rollupAllMs,
      scanAllMs,
      scanToRollup: scanAllMs / rollupAllMs,
      events,
      seedEventsMs,
      export: exported,
    };
  } finally {
    await sql.end();
    cluster.stop();
  }
}
