/**
 * Help calls, as the app runs them: two kiosks of one unit on a throwaway cluster, each with its background worker
 * at the app's pace (an empty outbox looked at every second, the unit's calls read every 5 s and on the centre's
 * NOTIFY). A parent's "Call a nurse" on kiosk A, then the time until kiosk B's main process holds the call (what its
 * screen reads every UNIT_HELP_CALLS_POLL_MS), and until A's parent reads "told". Each call is answered on B once seen.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { migrateCentral } from '../src/main/fleet/central/central-migrate';
import { openCentral } from '../src/main/fleet/central/connection-settings';
import { helpCallKiosk } from '../src/main/fleet/testing/help-call-kiosk';
import { startThrowawayCluster, superuserSettings } from '../src/main/fleet/testing/throwaway-cluster';
import { UNIT_HELP_CALLS_POLL_MS } from '../src/shared/domain';
import { percentile } from './statistics';

export interface HelpCallsResult {
  calls: number;
  /** "Call" on A until A's database holds the centre's receipt (the parent's "told"). */
  toldP50Ms: number;
  toldP95Ms: number;
  /** "Call" on A until B's main process lists the call. */
  seenP50Ms: number;
  seenP95Ms: number;
  seenMaxMs: number;
  /** The screen asks main this often: on B's screen, at most this much later. */
  screenPollMs: number;
}

export async function measureHelpCalls(calls: number): Promise<HelpCallsResult> {
  const cluster = await startThrowawayCluster();
  const superuser = superuserSettings(cluster);
  const sql = openCentral(superuser);
  try {
    await migrateCentral(sql);
    const a = await helpCallKiosk(superuser, 'Bench 4 West', 'Maternity');
    const b = await helpCallKiosk(superuser, 'Bench 4 East', 'Maternity');
    for (const kiosk of [a, b]) kiosk.start({ idleMs: 1_000, staffPullMs: 5_000 });
    await sleep(2_000);
    const told: number[] = [];
    const seen: number[] = [];
    try {
      for (let index = 0; index < calls; index++) {
        // Calls at uneven moments, so they do not line up with the workers' one-second ticks.
        await sleep(200 + Math.random() * 800);
        const started = performance.now();
        const call = a.helpCalls.raise(a.sessionId, 'help');
        let toldAt = 0;
        let seenAt = 0;
        while (toldAt === 0 || seenAt === 0) {
          if (toldAt === 0 && a.helpCalls.status(call.callId).toldAt !== null) toldAt = performance.now();
          if (seenAt === 0 && b.helpCalls.listUnitCalls().some((open) => open.localId === call.callId)) {
            seenAt = performance.now();
          }
          if (performance.now() - started > 30_000) throw new Error(`call ${index} not seen within 30 s`);
          await sleep(2);
        }
        told.push(toldAt - started);
        seen.push(seenAt - started);
        await b.helpCalls.answerUnitCall(
          { kioskId: a.kioskId, localId: call.callId },
          { staffId: 1, staffNumber: '101' },
        );
      }
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    return {
      calls,
      toldP50Ms: percentile(told, 0.5),
      toldP95Ms: percentile(told, 0.95),
      seenP50Ms: percentile(seen, 0.5),
      seenP95Ms: percentile(seen, 0.95),
      seenMaxMs: Math.max(...seen),
      screenPollMs: UNIT_HELP_CALLS_POLL_MS,
    };
  } finally {
    await sql.end();
    cluster.stop();
  }
}
