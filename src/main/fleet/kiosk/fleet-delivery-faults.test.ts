/**
 * Delivery under faults, against a PostgreSQL this file starts for itself (it stops and restarts it, which the run's
 * shared cluster must not see): the server down mid-delivery and back, the server crashing and restarting mid-batch,
 * the kiosk's delivery process SIGKILLed mid-delivery. After each: the centre holds exactly the kiosk's rows, none
 * twice, none missing.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { readOutboxBacklog } from '../../core/repositories/fleet-outbox-repository';
import { openCentral } from '../central/connection-settings';
import { startDeliveryChild } from '../testing/delivery-child-process';
import { fleetDatabaseForFile } from '../testing/fleet-database-for-file';
import { joinedTestKiosk, startTestDelivery } from '../testing/joined-kiosk';
import { centralRows, kioskRows, type TestKiosk } from '../testing/test-kiosk';
import { startThrowawayCluster, type ThrowawayCluster } from '../testing/throwaway-cluster';
import { waitFor } from '../testing/wait-for';
import { fleetStatus } from './fleet-membership';

let cluster: ThrowawayCluster;
beforeAll(async () => {
  cluster = await startThrowawayCluster();
});
afterAll(() => cluster.stop());
const fleet = fleetDatabaseForFile({ cluster: () => cluster });

const kiosks: TestKiosk[] = [];
afterEach(() => {
  for (const kiosk of kiosks.splice(0)) kiosk.close();
});

async function joinedKiosk(name: string, visits: number) {
  const joined = await joinedTestKiosk(fleet.owner, name, { visits });
  kiosks.push(joined.kiosk);
  return joined;
}

async function centralCount(kioskId: string): Promise<number> {
  const sql = openCentral(fleet.superuser);
  try {
    const [row] = await sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM fleet.session_events WHERE kiosk_id = $1',
      [kioskId],
    );
    return row!.n;
  } finally {
    await sql.end();
  }
}

it('the server down mid-delivery and back, then crashing mid-batch twice: nothing lost, nothing doubled, the kiosk writing throughout', async () => {
  const { kiosk, kioskId } = await joinedKiosk('Outage', 400);
  const worker = startTestDelivery(kiosk, {
    batchSize: 20,
    backoff: { firstMs: 50, maxMs: 200 },
    connectTimeoutSeconds: 2,
  });
  try {
    await waitFor(async () => (await centralCount(kioskId)) > 0);
    cluster.halt();
    // A batch the server committed just before it stopped may still be noted as delivered; once the status says the
    // centre cannot be reached, nothing more is.
    await waitFor(() => /cannot be reached/.test(fleetStatus(kiosk.db, kiosk.folder)!.link.lastError ?? ''));
    const backlogAtOutage = readOutboxBacklog(kiosk.db).rows;
    expect(backlogAtOutage).toBeGreaterThan(0);

    // The outage: the kiosk keeps writing at its own pace, and nothing of it reaches the centre.
    for (let round = 0; round < 10; round++) {
      const started = performance.now();
      kiosk.writeVisits(2);
      expect(performance.now() - started).toBeLessThan(250);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(readOutboxBacklog(kiosk.db).rows).toBe(backlogAtOutage + 20 * 7);

    cluster.resume();
    // Crashes while batches are in flight (the backlog may have drained by the second: more history first).
    for (let crash = 0; crash < 2; crash++) {
      kiosk.writeVisits(40);
      const before = await centralCount(kioskId);
      await waitFor(async () => (await centralCount(kioskId)) > before);
      cluster.restart('immediate');
    }
    await waitFor(() => readOutboxBacklog(kiosk.db).rows === 0);
  } finally {
    await worker.stop();
  }
  expect(await centralRows(fleet.superuser, kioskId)).toEqual(kioskRows(kiosk.db));
  expect(fleetStatus(kiosk.db, kiosk.folder)!.link.lastError).toBeNull();
});

it('the kiosk’s delivery process SIGKILLed mid-delivery again and again: nothing lost, nothing doubled', async () => {
  const { kiosk, kioskId } = await joinedKiosk('Killed', 400);
  const kills = 4;
  const total = 400 + kills;
  const killedMidway: number[] = [];
  for (let kill = 0; kill < kills; kill++) {
    const before = await centralCount(kioskId);
    const { child, exited } = await startDeliveryChild(kiosk.folder);
    // Once this run has delivered something, at a random moment: mid-batch, between the centre's commit and the
    // kiosk noting it, or between batches.
    await waitFor(async () => child.exitCode !== null || (await centralCount(kioskId)) > before);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 60));
    child.kill('SIGKILL');
    await exited;
    const delivered = await centralCount(kioskId);
    if (delivered > 0 && delivered < total) killedMidway.push(delivered);
    // The kiosk itself goes on: new history between runs.
    kiosk.writeVisits(1);
  }
  // Most kills land mid-delivery; the test is worthless unless some did.
  expect(killedMidway.length).toBeGreaterThan(0);

  const last = await startDeliveryChild(kiosk.folder);
  expect(await last.exited).toBe(0);
  expect(last.output()).toContain('done');
  expect(readOutboxBacklog(kiosk.db).rows).toBe(0);
  expect(await centralRows(fleet.superuser, kioskId)).toEqual(kioskRows(kiosk.db));
});

it('the server killed and restarted again and again while delivery runs in this very process, idle and mid-batch: the process survives, nothing lost, nothing doubled', async () => {
  // Anything thrown outside a promise chain (a client's timer or an 'error' event nobody listens to) would stop the
  // kiosk's main process; here it is caught and fails the test.
  const escaped: unknown[] = [];
  const note = (error: unknown) => void escaped.push(error);
  process.on('uncaughtException', note);
  process.on('unhandledRejection', note);
  const { kiosk, kioskId } = await joinedKiosk('Restarts', 200);
  const worker = startTestDelivery(kiosk, {
    batchSize: 10,
    backoff: { firstMs: 20, maxMs: 100 },
    connectTimeoutSeconds: 2,
  });
  const reachable = async (check: () => Promise<boolean>) => check().catch(() => false);
  let midBatch = 0;
  try {
    for (let round = 0; round < 4; round++) {
      // Mid-batch: killed once this round's backlog has started to arrive and while some of it still waits.
      kiosk.writeVisits(40);
      const before = await centralCount(kioskId);
      await waitFor(() => reachable(async () => (await centralCount(kioskId)) > before));
      if (readOutboxBacklog(kiosk.db).rows > 0) midBatch += 1;
      cluster.restart('immediate');
      // Idle: everything delivered, the worker's connection open and unused, then the server killed under it; a
      // small write is queued while it is down, and another right after it returns.
      await waitFor(() => readOutboxBacklog(kiosk.db).rows === 0);
      await new Promise((resolve) => setTimeout(resolve, 50));
      cluster.halt();
      kiosk.writeVisits(1);
      await new Promise((resolve) => setTimeout(resolve, 150));
      cluster.resume();
      kiosk.writeVisits(1);
    }
    await waitFor(() => readOutboxBacklog(kiosk.db).rows === 0);
  } finally {
    await worker.stop();
    process.off('uncaughtException', note);
    process.off('unhandledRejection', note);
  }
  expect(midBatch).toBeGreaterThan(0);
  expect(escaped).toEqual([]);
  expect(await centralRows(fleet.superuser, kioskId)).toEqual(kioskRows(kiosk.db));
  expect(fleetStatus(kiosk.db, kiosk.folder)!.link.lastError).toBeNull();
}, 120_000);
