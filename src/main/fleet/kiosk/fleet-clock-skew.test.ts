/**
 * Kiosks whose clocks are wrong by minutes deliver into one centre: one 7 minutes ahead, one 5 minutes behind and
 * then stepped back 6 minutes more while it runs (an NTP correction). Delivery and which copy of a row the centre
 * keeps follow each kiosk's outbox order, never times: the centre ends with exactly the union of their rows, each
 * row with the times its kiosk stamped, a session ended after its open copy was delivered ended at the centre too.
 */
import { expect, it } from 'vitest';
import { wholeMsClock, type Clock } from '../../core/clock';
import { readOutboxBacklog } from '../../core/repositories/fleet-outbox-repository';
import { openCentral } from '../central/connection-settings';
import { fleetDatabaseForFile } from '../testing/fleet-database-for-file';
import { joinedTestKiosk, startTestDelivery } from '../testing/joined-kiosk';
import { fleetRows, unionOfKioskRows, type TestKiosk } from '../testing/test-kiosk';
import { waitFor } from '../testing/wait-for';

const fleet = fleetDatabaseForFile();

const MINUTE = 60_000;

/** The system's clock off by `offset.ms` (which the test may change, as a clock being corrected). */
function skewedClock(offset: { ms: number }): Clock {
  return wholeMsClock({ now: () => Date.now() + offset.ms, monotonic: () => performance.now() });
}

async function joinedKiosk(name: string, clock: Clock) {
  const { kiosk, kioskId } = await joinedTestKiosk(fleet.owner, name, { clock });
  const worker = startTestDelivery(kiosk, { clock, batchSize: 7, backoff: { firstMs: 20, maxMs: 100 } });
  return { kiosk, kioskId, worker };
}

const drained = (kiosk: TestKiosk) => waitFor(() => readOutboxBacklog(kiosk.db).rows === 0);

/** Sessions as "local id:started ms:ended ms", from the kiosk and from the centre. */
function kioskSessionTimes(kiosk: TestKiosk): string[] {
  const rows = kiosk.db
    .prepare('SELECT id, started_at AS startedAt, ended_at AS endedAt FROM sessions ORDER BY id')
    .all() as { id: number; startedAt: number; endedAt: number | null }[];
  return rows.map((row) => `${row.id}:${row.startedAt}:${row.endedAt}`);
}
async function centralSessionTimes(kioskId: string): Promise<string[]> {
  const sql = openCentral(fleet.superuser);
  try {
    const rows = await sql.query<{ id: number; startedAt: string; endedAt: string | null }>(
      `SELECT local_id::int AS id, (extract(epoch FROM started_at) * 1000)::bigint::text AS "startedAt",
         (extract(epoch FROM ended_at) * 1000)::bigint::text AS "endedAt"
       FROM fleet.sessions WHERE kiosk_id = $1 ORDER BY outbox_seq, local_id`,
      [kioskId],
    );
    return rows.map((row) => `${row.id}:${row.startedAt}:${row.endedAt}`);
  } finally {
    await sql.end();
  }
}

it('one kiosk 7 minutes ahead, one 5 behind and stepped back 6 more mid-run: the outbox’s order decides, the centre holds exactly their rows with their own times', async () => {
  const ahead = await joinedKiosk('Ahead', skewedClock({ ms: 7 * MINUTE }));
  const behindOffset = { ms: -5 * MINUTE };
  const behind = await joinedKiosk('Behind', skewedClock(behindOffset));
  const both = [ahead, behind];
  try {
    // Interleaved: the kiosk behind writes after the kiosk ahead, with times 12 minutes earlier.
    ahead.kiosk.writeVisits(20, { open: true });
    behind.kiosk.writeVisits(20, { open: true });
    await Promise.all(both.map(({ kiosk }) => drained(kiosk)));
    expect((await fleetRows(fleet.superuser)).filter((row) => row.endsWith(':open'))).toHaveLength(2);

    // The open sessions end after their open copies reached the centre; the newer copy must win.
    for (const { kiosk } of both) kiosk.endOpenSession();
    // The kiosk behind is corrected further back while it runs: its next history is older still than its last.
    behindOffset.ms -= 6 * MINUTE;
    behind.kiosk.writeVisits(20, { open: true });
    ahead.kiosk.writeVisits(20);
    behind.kiosk.endOpenSession();
    await Promise.all(both.map(({ kiosk }) => drained(kiosk)));
  } finally {
    for (const { worker } of both) await worker.stop();
  }

  const central = await fleetRows(fleet.superuser);
  expect(central).toEqual(unionOfKioskRows(both));
  expect(central.filter((row) => row.endsWith(':open'))).toEqual([]);
  for (const { kiosk, kioskId } of both) {
    // In the outbox's order, with the kiosk's own times, not reordered or corrected by the centre's clock.
    expect(await centralSessionTimes(kioskId)).toEqual(kioskSessionTimes(kiosk));
  }
  // The times really were out of order across the two kiosks and within the corrected one.
  const behindTimes = kioskSessionTimes(behind.kiosk).map((row) => Number(row.split(':')[1]));
  const aheadTimes = kioskSessionTimes(ahead.kiosk).map((row) => Number(row.split(':')[1]));
  expect(Math.max(...behindTimes)).toBeLessThan(Math.min(...aheadTimes));
  expect(behindTimes.at(-1)!).toBeLessThan(behindTimes[0]!);
  for (const { kiosk } of both) kiosk.close();
}, 60_000);
