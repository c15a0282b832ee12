/**
 * A nurses' station between kiosks' real workers and the run's PostgreSQL: IT makes a kiosk of another unit a
 * station, it shows a call from unit A and its nurse answers it, and the kiosk that raised the call learns so; made a
 * plain kiosk again, it shows unit A's calls no more.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCentral } from '../central/connection-settings';
import { setStation } from '../central/kiosk-registry';
import { fleetDatabaseForFile } from '../testing/fleet-database-for-file';
import { helpCallKiosk, type HelpCallKiosk } from '../testing/help-call-kiosk';
import { waitFor } from '../testing/wait-for';

const fleet = fleetDatabaseForFile();
let a: HelpCallKiosk;
let station: HelpCallKiosk;

const WORKER = { staffPullMs: 200, backoff: { firstMs: 50, maxMs: 300 }, connectTimeoutSeconds: 1 };

async function markStation(on: boolean) {
  const owner = openCentral(fleet.owner);
  try {
    await setStation(owner, 'NICU desk', on);
  } finally {
    await owner.end();
  }
}

beforeAll(async () => {
  a = await helpCallKiosk(fleet.owner, '4 West', 'Maternity');
  station = await helpCallKiosk(fleet.owner, 'NICU desk', 'NICU');
  await markStation(true);
  for (const kiosk of [a, station]) kiosk.start(WORKER);
});
afterAll(async () => {
  await Promise.all([a, station].map((kiosk) => kiosk?.close()));
});

it('a station of another unit shows unit A’s call, its nurse answers it, and A learns who answered', async () => {
  const call = a.helpCalls.raise(a.sessionId, 'help');
  await waitFor(() => station.helpCalls.listUnitCalls().length > 0, 10_000);
  expect(station.helpCalls.listUnitCalls()).toEqual([
    expect.objectContaining({ kioskId: a.kioskId, localId: call.callId, unit: 'Maternity', kioskName: '4 West' }),
  ]);
  const { answeredAt } = await station.helpCalls.answerUnitCall(
    { kioskId: a.kioskId, localId: call.callId },
    { staffId: 1, staffNumber: '707' },
  );
  await waitFor(() => a.helpCalls.status(call.callId).answeredAt !== null, 10_000);
  expect(a.helpCalls.status(call.callId).answeredAt).toBe(answeredAt);
});

it('made a plain kiosk again, it shows unit A’s calls no more and cannot answer them', async () => {
  await markStation(false);
  const call = a.helpCalls.raise(a.sessionId, 'help');
  await waitFor(() => a.helpCalls.status(call.callId).toldAt !== null, 10_000);
  // The station has read its calls since (several pulls, and a NOTIFY for this call), and sees none.
  await new Promise((resolve) => setTimeout(resolve, 600));
  expect(station.helpCalls.listUnitCalls()).toEqual([]);
  await expect(
    station.helpCalls.answerUnitCall({ kioskId: a.kioskId, localId: call.callId }, { staffId: 1, staffNumber: '707' }),
  ).rejects.toMatchObject({ code: 'not-found' });
  expect(a.helpCalls.status(call.callId).answeredAt).toBeNull();
});
