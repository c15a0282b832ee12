/**
 * A kiosk's delivery to the fleet, as the app runs it (the background worker looking at its outbox every second):
 * a year's backlog of a busy kiosk delivered after joining, the lag from a visit's commit in SQLite to its session
 * at the centre while visits keep coming, and the CPU the worker costs the kiosk while there is nothing to deliver.
 * On a throwaway cluster, one kiosk joined through its own role.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { migrateCentral } from '../src/main/fleet/central/central-migrate';
import { openCentral } from '../src/main/fleet/central/connection-settings';
import { joinedTestKiosk, startTestDelivery } from '../src/main/fleet/testing/joined-kiosk';
import { startThrowawayCluster, superuserSettings } from '../src/main/fleet/testing/throwaway-cluster';
import { percentile } from './statistics';

export interface FleetDeliveryResult {
  backlogSessions: number;
  /** Rows of every history table the backlog carried. */
  backlogRows: number;
  backlogMs: number;
  lagSamples: number;
  lagP50Ms: number;
  lagP95Ms: number;
  /** CPU time of this process while the worker idled, as a share of one core, from 20 s after the backlog. */
  idleCpuShare: number;
  /** The same in the first seconds after the backlog: mostly the collection of its garbage, not the worker. */
  idleRightAfterBacklogShare: number;
}

/** The app's own pause between looks at an empty outbox. */
const APP_IDLE_MS = 1_000;

async function sessionsAtCentre(sql: ReturnType<typeof openCentral>, kioskId: string): Promise<number> {
  const rows = await sql.query<{ count: string }>('SELECT count(*) AS count FROM fleet.sessions WHERE kiosk_id = $1', [
    kioskId,
  ]);
  return Number(rows[0]!.count);
}

export async function measureFleetDelivery(options: {
  backlogSessions: number;
  lagVisits: number;
  visitsPerSecond: number;
  idleSeconds: number;
}): Promise<FleetDeliveryResult> {
  const cluster = await startThrowawayCluster();
  const superuser = superuserSettings(cluster);
  const sql = openCentral(superuser);
  try {
    await migrateCentral(sql);
    // Each visit: a session, an event, a timer, a cleaning and an audit entry (five rows).
    const { kiosk, kioskId } = await joinedTestKiosk(superuser, 'Bench kiosk', { visits: options.backlogSessions });
    const backlogStart = performance.now();
    const worker = startTestDelivery(kiosk, { idleMs: APP_IDLE_MS });
    while ((await sessionsAtCentre(sql, kioskId)) < options.backlogSessions) await sleep(20);
    const backlogMs = performance.now() - backlogStart;

    // Idle: nothing to deliver, the worker looking every second; this process does nothing else meanwhile.
    const cpuShare = async (seconds: number) => {
      const before = process.cpuUsage();
      const started = performance.now();
      await sleep(seconds * 1000);
      const used = process.cpuUsage(before);
      return (used.user + used.system) / 1000 / (performance.now() - started);
    };
    await sleep(2_000);
    const idleRightAfterBacklogShare = await cpuShare(options.idleSeconds);
    await sleep(Math.max(0, 20 - 2 - options.idleSeconds) * 1000);
    const idleCpuShare = await cpuShare(options.idleSeconds);

    // Lag: visits written at a steady pace; each is seen when the centre's count reaches it (looked at every 20 ms).
    const written: number[] = [];
    const seen: number[] = [];
    let writing = true;
    const writer = (async () => {
      for (let visit = 0; visit < options.lagVisits; visit++) {
        kiosk.writeVisits(1);
        written.push(performance.now());
        await sleep(1000 / options.visitsPerSecond);
      }
      writing = false;
    })();
    while (writing || seen.length < options.lagVisits) {
      const delivered = (await sessionsAtCentre(sql, kioskId)) - options.backlogSessions;
      const now = performance.now();
      while (seen.length < Math.min(delivered, written.length)) seen.push(now);
      await sleep(20);
    }
    await writer;
    await worker.stop();
    kiosk.close();
    const lags = seen.map((at, index) => at - written[index]!);
    return {
      backlogSessions: options.backlogSessions,
      backlogRows: options.backlogSessions * 5,
      backlogMs,
      lagSamples: lags.length,
      lagP50Ms: percentile(lags, 0.5),
      lagP95Ms: percentile(lags, 0.95),
      idleCpuShare,
      idleRightAfterBacklogShare,
    };
  } finally {
    await sql.end();
    cluster.stop();
  }
}
