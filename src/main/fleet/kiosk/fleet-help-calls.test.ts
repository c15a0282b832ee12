/**
 * Help calls end to end, between kiosks' real workers and the run's PostgreSQL: a call raised on one kiosk reaches
 * another kiosk of its unit and no kiosk of another unit, a nurse there answers it and the kiosk that raised it learns
 * so; with the network cut the parent's screen has no "told" time at once, and the call arrives, marked late, when
 * the network returns.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openCentral } from '../central/connection-settings';
import { fleetDatabaseForFile } from '../testing/fleet-database-for-file';
import { helpCallKiosk, type HelpCallKiosk } from '../testing/help-call-kiosk';
import { startNetworkCutProxy, type NetworkCutProxy } from '../testing/network-cut-proxy';
import { waitFor } from '../testing/wait-for';

const fleet = fleetDatabaseForFile();
let proxy: NetworkCutProxy;
let a: HelpCallKiosk;
let b: HelpCallKiosk;
let nicu: HelpCallKiosk;

const WORKER = { staffPullMs: 200, backoff: { firstMs: 50, maxMs: 300 }, connectTimeoutSeconds: 1 };

beforeAll(async () => {
  const cluster = inject('fleetCluster');
  proxy = await startNetworkCutProxy({ host: cluster.host, port: cluster.port });
  // Kiosk A reaches the centre only through the proxy, so the test can cut its network alone.
  a = await helpCallKiosk({ ...fleet.owner, port: proxy.port }, '4 West', 'Maternity');
  b = await helpCallKiosk(fleet.owner, '4 East', 'Maternity');
  nicu = await helpCallKiosk(fleet.owner, 'NICU 1', 'NICU');
  for (const kiosk of [a, b, nicu]) kiosk.start(WORKER);
});
afterAll(async () => {
  await Promise.all([a, b, nicu].map((kiosk) => kiosk?.close()));
  await proxy?.close();
});

const audits = (kiosk: HelpCallKiosk, action: string) =>
  (
    kiosk.kiosk.db.prepare('SELECT detail FROM audit_log WHERE action = ? ORDER BY id').pluck().all(action) as string[]
  ).map((detail) => JSON.parse(detail) as Record<string, unknown>);

async function centralCall(kioskId: string, localId: number) {
  const sql = openCentral(fleet.superuser);
  try {
    const [row] = await sql.query<{ late: boolean; received_at: Date; acknowledged_by: string | null }>(
      `SELECT late, received_at, acknowledged_by FROM fleet.help_calls WHERE kiosk_id = $1 AND local_id = $2`,
      [kioskId, localId],
    );
    return row;
  } finally {
    await sql.end();
  }
}

it('a call on kiosk A reaches kiosk B of its unit, not the other unit’s; B’s nurse answers and A learns it', async () => {
  const call = a.helpCalls.raise(a.sessionId, 'help');
  expect(call.toldAt).toBeNull();
  await waitFor(() => a.helpCalls.status(call.callId).toldAt !== null, 10_000);
  const central = await centralCall(a.kioskId, call.callId);
  // The parent reads the centre's own time of receipt, and only once it is committed there.
  expect(a.helpCalls.status(call.callId).toldAt).toBe(central!.received_at.getTime());
  expect(central!.late).toBe(false);

  await waitFor(() => b.helpCalls.listUnitCalls().length > 0, 10_000);
  expect(b.helpCalls.listUnitCalls()).toEqual([
    expect.objectContaining({ kioskId: a.kioskId, localId: call.callId, kioskName: '4 West', roomName: 'Room A' }),
  ]);
  // The other unit's kiosk has read its calls since (several pulls), and sees none.
  await new Promise((resolve) => setTimeout(resolve, 600));
  expect(nicu.helpCalls.listUnitCalls()).toEqual([]);
  expect(a.helpCalls.listUnitCalls()).toEqual([]);

  // The other unit cannot answer it; B's nurse can.
  await expect(
    nicu.helpCalls.answerUnitCall({ kioskId: a.kioskId, localId: call.callId }, { staffId: 1, staffNumber: '101' }),
  ).rejects.toMatchObject({ code: 'not-found' });
  const { answeredAt } = await b.helpCalls.answerUnitCall(
    { kioskId: a.kioskId, localId: call.callId },
    { staffId: 1, staffNumber: '101' },
  );
  expect(b.helpCalls.listUnitCalls()).toEqual([]);
  expect(audits(b, 'help-call-answered')).toEqual([
    { kioskId: a.kioskId, localId: call.callId, answeredAt, room: 'Room A' },
  ]);
  await waitFor(() => a.helpCalls.status(call.callId).answeredAt !== null, 10_000);
  expect(a.helpCalls.status(call.callId).answeredAt).toBe(answeredAt);
  expect(audits(a, 'help-call-answered')).toEqual([
    { callId: call.callId, answeredAt, staffNumber: '101', kioskId: b.kioskId },
  ]);
  expect(audits(nicu, 'help-call-answered')).toEqual([]);
});

it('with the network cut the parent has no "told" time at once; the call arrives, late, when it returns', async () => {
  proxy.cut();
  const started = performance.now();
  const call = a.helpCalls.raise(a.sessionId, 'timers');
  const raiseMs = performance.now() - started;
  // The raise never waits on the network; the screen shows the call button or extension from the first moment.
  expect(raiseMs).toBeLessThan(500);
  expect(a.helpCalls.status(call.callId).toldAt).toBeNull();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(a.helpCalls.status(call.callId).toldAt).toBeNull();
  expect(b.helpCalls.listUnitCalls()).toEqual([]);
  // The outage lasted minutes: the call's place in the queue says it was queued that long ago (system clock).
  a.kiosk.db.prepare('UPDATE fleet_help_call_outbox SET queued_at = queued_at - 120000').run();

  proxy.heal();
  await waitFor(() => a.helpCalls.status(call.callId).toldAt !== null, 15_000);
  expect((await centralCall(a.kioskId, call.callId))!.late).toBe(true);
  await waitFor(() => b.helpCalls.listUnitCalls().some((open) => open.localId === call.callId), 10_000);
  expect(b.helpCalls.listUnitCalls().find((open) => open.localId === call.callId)!.late).toBe(true);
});
