/**
 * Hospital-wide totals from the fleet's PostgreSQL: the daily rollup (central migration 2) against a scan of
 * fleet.sessions, and the `export --fleet` cursor against `COPY … TO STDOUT` of the same query (the server's own
 * ceiling). Sessions of 100 kiosks are seeded straight into the central tables on a throwaway cluster.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateCentral } from '../src/main/fleet/central/central-migrate';
import { openCentral } from '../src/main/fleet/central/connection-settings';
import { exportFleetSessionsCsv } from '../src/main/fleet/fleet-session-export';
import { FLEET_SESSION_ROWS } from '../src/main/fleet/central/fleet-session-rows';
import { findServerBinaries, startThrowawayCluster } from '../src/main/fleet/testing/throwaway-cluster';
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
  exportCursorMs: number;
  exportRows: number;
  /** psql's \\copy (SELECT the same rows) TO a file WITH CSV: the server's own formatting, for scale */
  copyMs: number;
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
         SELECT 'k' || (1 + n % 100), n, gen_random_uuid(), 1, 'Room 1', 'pumping', 'en',
           timestamptz '2026-01-01' + (n::float8 / $1 * $2) * interval '1 day', '101',
           timestamptz '2026-01-01' + (n::float8 / $1 * $2) * interval '1 day' + interval '20 minutes', '101',
           'completed', n
         FROM generate_series(1, $1::int) n`,
        [sessions, DAYS],
      ),
    );
    await sql.query('ANALYZE');
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
    const out = join(tmpdir(), `fleet-bench-${process.pid}.csv`);
    let exportRows = 0;
    const exportCursorMs = await timeOnce(async () => {
      exportRows = (
        await exportFleetSessionsCsv(
          sql,
          { start: Date.UTC(2000, 0, 1), end: Date.UTC(2100, 0, 1), timeZone: 'America/New_York' },
          out,
        )
      ).rows;
    });
    writeFileSync(out, '');
    const found = findServerBinaries();
    const query = FLEET_SESSION_ROWS.replace('$1', "'2000-01-01'::timestamptz")
      .replace('$2', "'2100-01-01'::timestamptz")
      .replaceAll('$3', 'NULL')
      .replace(/\s+/g, ' ');
    const copyMs = await timeOnce(() => {
      if ('missing' in found) return;
      const copied = spawnSync(
        join(found.bin, 'psql'),
        [
          '-h',
          cluster.host,
          '-p',
          String(cluster.port),
          '-U',
          cluster.user,
          '-d',
          'postgres',
          '-qAt',
          '-c',
          `\\copy (${query}) TO '${out}' WITH CSV`,
        ],
        { env: { ...process.env, PGPASSWORD: cluster.password }, encoding: 'utf8' },
      );
      if (copied.status !== 0) throw new Error(`psql: ${copied.stderr}`);
    });
    return {
      sessions,
      seedMs,
      rollupMonthMs,
      scanMonthMs,
      rollupAllMs,
      scanAllMs,
      scanToRollup: scanAllMs / rollupAllMs,
      exportCursorMs,
      exportRows,
      copyMs,
    };
  } finally {
    await sql.end();
    cluster.stop();
  }
}
