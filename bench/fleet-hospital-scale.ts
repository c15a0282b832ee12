/**
 * Hospital-wide totals at the scale of a big hospital's history: 10 million sessions of 100 kiosks over three years,
 * read as a kiosk reads them for its Reports tab (its own role, row-level security, `readDailyTotals`), against a scan
 * of fleet.sessions for the same figures. Seeding 10 million sessions through the rollup's trigger would take most of
 * an hour here, so the sessions are inserted with the trigger off and the rollup is built by the same GROUP BY the
 * migration uses for sessions delivered before it existed; a month's figures are then checked against a scan
 * (migration 2's property test proves the trigger keeps exactly these totals).
 */
import { migrateCentral } from '../src/main/fleet/central/central-migrate';
import { openCentral } from '../src/main/fleet/central/connection-settings';
import { readDailyTotals } from '../src/main/fleet/central/fleet-daily-totals';
import { addKiosk } from '../src/main/fleet/central/kiosk-registry';
import { startThrowawayCluster, superuserSettings } from '../src/main/fleet/testing/throwaway-cluster';
import { median, timeOnce } from './statistics';

export interface HospitalScaleResult {
  sessions: number;
  kiosks: number;
  days: number;
  seedMs: number;
  rollupBuildMs: number;
  rollupRows: number;
  /** the Reports tab's whole-hospital read over three years, as a kiosk: first run, then the median of 7 */
  hospitalAllFirstMs: number;
  hospitalAllMs: number;
  hospitalMonthMs: number;
  unitAllMs: number;
  /** the same whole-history figures counted from fleet.sessions */
  scanAllMs: number;
  scanToRollup: number;
}

const KIOSKS = 100;
const DAYS = 3 * 365;
const CHUNK = 1_000_000;

export async function measureHospitalScale(
  sessions: number,
  progress: (line: string) => void = () => undefined,
): Promise<HospitalScaleResult> {
  const cluster = await startThrowawayCluster();
  const superuser = superuserSettings(cluster);
  const sql = openCentral(superuser, { queryTimeoutMs: 3_600_000 });
  let kioskSql: ReturnType<typeof openCentral> | null = null;
  try {
    await migrateCentral(sql);
    const kiosks = [];
    for (let i = 1; i <= KIOSKS; i++) kiosks.push(await addKiosk(sql, { name: `Kiosk ${i}`, unit: `Unit ${i % 10}` }));
    await sql.query('ALTER TABLE fleet.sessions DISABLE TRIGGER sessions_keep_daily_totals');
    const seedMs = await timeOnce(async () => {
      for (let first = 1; first <= sessions; first += CHUNK) {
        const last = Math.min(sessions, first + CHUNK - 1);
        await sql.query(
          `INSERT INTO fleet.sessions (kiosk_id, local_id, uuid, room_local_id, room_name, kind, language,
             started_at, started_by, ended_at, ended_by, end_reason, outbox_seq)
           SELECT ids[1 + n % ${KIOSKS}], n, gen_random_uuid(), 1, 'Room 1', 'pumping', 'en',
             timestamptz '2024-01-01' + (n::float8 / $3 * $4) * interval '1 day', '101',
             timestamptz '2024-01-01' + (n::float8 / $3 * $4) * interval '1 day' + interval '20 minutes', '101',
             'completed', n
           FROM (SELECT array_agg(kiosk_id ORDER BY kiosk_id) AS ids FROM fleet.kiosks) k,
             generate_series($1::int, $2::int) n`,
          [first, last, sessions, DAYS],
        );
        progress(`  seeded ${last.toLocaleString('en')} sessions`);
      }
    });
    const rollupBuildMs = await timeOnce(() =>
      sql.query(`INSERT INTO fleet.daily_totals (kiosk_id, day, sessions, ended_sessions, duration_ms)
        SELECT kiosk_id, (started_at AT TIME ZONE 'UTC')::date, count(*), count(ended_at),
          coalesce(sum((extract(epoch FROM ended_at - started_at) * 1000)::bigint), 0)
        FROM fleet.sessions GROUP BY 1, 2`),
    );
    await sql.query('ALTER TABLE fleet.sessions ENABLE TRIGGER sessions_keep_daily_totals');
    await sql.query('VACUUM ANALYZE');
    const [{ rows: rollupRows }] = (await sql.query<{ rows: number }>(
      'SELECT count(*)::int AS rows FROM fleet.daily_totals',
    )) as [{ rows: number }];

    const kiosk = kiosks[0]!;
    kioskSql = openCentral({ ...superuser, user: kiosk.kioskId, password: kiosk.password });
    const whole = { from: '2000-01-01', to: '2100-01-01' };
    const month = { from: '2025-06-01', to: '2025-06-30' };
    const hospital = (range: { from: string; to: string }) =>
      readDailyTotals(kioskSql!, { scope: 'hospital', ...range });
    const scan = (range: { from: string; to: string }) =>
      sql.query<{ sessions: string; duration_ms: string }>(
        `SELECT count(*)::text AS sessions,
           sum((extract(epoch FROM ended_at - started_at) * 1000)::bigint)::text AS duration_ms
         FROM fleet.sessions WHERE started_at >= $1::date AND started_at < $2::date + 1`,
        [range.from, range.to],
      );

    // The rollup must say what a scan says, or its speed means nothing.
    const monthDays = await hospital(month);
    const [monthScan] = await scan(month);
    const monthSessions = monthDays.reduce((sum, day) => sum + day.sessions, 0);
    const monthDuration = monthDays.reduce((sum, day) => sum + day.durationMs, 0);
    if (String(monthSessions) !== monthScan!.sessions || String(monthDuration) !== monthScan!.duration_ms) {
      throw new Error(
        `The rollup disagrees with a scan: ${monthSessions}/${monthDuration} against ${JSON.stringify(monthScan)}`,
      );
    }
    const allDays = await timeOnce(() => hospital(whole));
    const times = async (run: () => Promise<unknown>) => {
      const samples: number[] = [];
      for (let i = 0; i < 7; i++) samples.push(await timeOnce(run));
      return median(samples);
    };
    const hospitalAllMs = await times(() => hospital(whole));
    const hospitalMonthMs = await times(() => hospital(month));
    const unitAllMs = await times(() => readDailyTotals(kioskSql!, { scope: 'unit', unit: 'Unit 3', ...whole }));
    const scanAllMs = await times(() => scan(whole));
    return {
      sessions,
      kiosks: KIOSKS,
      days: DAYS,
      seedMs,
      rollupBuildMs,
      rollupRows,
      hospitalAllFirstMs: allDays,
      hospitalAllMs,
      hospitalMonthMs,
      unitAllMs,
      scanAllMs,
      scanToRollup: scanAllMs / hospitalAllMs,
    };
  } finally {
    await kioskSql?.end();
    await sql.end();
    cluster.stop();
  }
}
