/**
 * Help calls across a restart of the centre, on a PostgreSQL this file starts for itself (the run's shared cluster
 * must not see it stop): calls raised while the server is down wait on the kiosk, shown to the parent without a
 * "told" time, and arrive once it is back; the other kiosk of the unit listens again on its new connection and
 * sees them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fleetDatabaseForFile } from '../testing/fleet-database-for-file';
import { helpCallKiosk, type HelpCallKiosk } from '../testing/help-call-kiosk';
import { startThrowawayCluster, type ThrowawayCluster } from '../testing/throwaway-cluster';
import { waitFor } from '../testing/wait-for';

let cluster: ThrowawayCluster;
beforeAll(async () => {
  cluster = await startThrowawayCluster();
});
afterAll(() => cluster.stop());
const fleet = fleetDatabaseForFile({ cluster: () => cluster });
let a: HelpCallKiosk;
let b: HelpCallKiosk;
beforeAll(async () => {
  a = await helpCallKiosk(fleet.owner, '4 West', 'Maternity');
  b = await helpCallKiosk(fleet.owner, '4 East', 'Maternity');
  // A slow regular pull (longer than the test waits): B sees new calls through the centre's NOTIFY alone.
  b.start({ staffPullMs: 60_000, backoff: { firstMs: 50, maxMs: 300 }, connectTimeoutSeconds: 1 });
  a.start({ backoff: { firstMs: 50, maxMs: 300 }, connectTimeoutSeconds: 1 });
});
afterAll(async () => {
  await Promise.all([a, b].map((kiosk) => kiosk?.close()));
});

it('calls raised while the centre is down arrive when it is back, and reach the unit through NOTIFY again', async () => {
  const first = a.helpCalls.raise(a.sessionId, 'help');
  await waitFor(() => b.helpCalls.listUnitCalls().some((open) => open.localId === first.callId), 10_000);

  cluster.halt();
  const during = [a.helpCalls.raise(a.sessionId, 'guide'), a.helpCalls.raise(a.sessionId, 'help')];
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const call of during) expect(a.helpCalls.status(call.callId).toldAt).toBeNull();
  cluster.resume();

  await waitFor(() => during.every((call) => a.helpCalls.status(call.callId).toldAt !== null), 20_000);
  await waitFor(
    () => during.every((call) => b.helpCalls.listUnitCalls().some((open) => open.localId === call.callId)),
    20_000,
  );
  // A restart in the middle of delivery as a crash would: the next call still arrives, once.
  cluster.restart('immediate');
  const after = a.helpCalls.raise(a.sessionId, 'help');
  await waitFor(() => a.helpCalls.status(after.callId).toldAt !== null, 20_000);
  await waitFor(() => b.helpCalls.listUnitCalls().some((open) => open.localId === after.callId), 20_000);
  expect(b.helpCalls.listUnitCalls().map((open) => open.localId)).toEqual([
    first.callId,
    ...during.map((call) => call.callId),
    after.callId,
  ]);
});
