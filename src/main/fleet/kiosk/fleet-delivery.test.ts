import { existsSync, statSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { systemClock } from '../../core/clock';
import { readOutboxBacklog, readOutboxBatch } from '../../core/repositories/fleet-outbox-repository';
import { openCentral } from '../central/connection-settings';
import { decodeEnrolment } from '../central/enrolment';
import { quoteIdentifier } from '../central/fleet-roles';
import { uploadBatch } from '../central/history-upload';
import { scramVerifier } from '../central/scram-verifier';
import { fleetDatabaseForFile } from '../testing/fleet-database-for-file';
import {
  deliverEverything,
  joinedTestKiosk,
  silentLogger,
  startTestDelivery,
  storedCredentials,
} from '../testing/joined-kiosk';
import { centralRows, createTestKiosk, enrolKiosk, kioskRows, type TestKiosk } from '../testing/test-kiosk';
import { waitFor } from '../testing/wait-for';
import { credentialsPath } from './fleet-credentials';
import {
  fleetStatus,
  FleetMembershipError,
  joinFleet,
  leaveFleet,
  startFleetDeliveryIfJoined,
} from './fleet-membership';

const fleet = fleetDatabaseForFile();

const kiosks: TestKiosk[] = [];
afterEach(() => {
  for (const kiosk of kiosks.splice(0)) kiosk.close();
});

async function joinedKiosk(name: string, visits = 0) {
  const joined = await joinedTestKiosk(fleet.owner, name, { visits });
  kiosks.push(joined.kiosk);
  return joined;
}

it('joins with its enrolment string, uploads the history it already had, then each change; an ended session replaces its open copy', async () => {
  const { kiosk, kioskId, joined } = await joinedKiosk('4 West', 30);
  expect(joined).toMatchObject({ kioskId, kioskName: '4 West', unit: 'Maternity', queued: 30 * 5 });
  expect(statSync(credentialsPath(kiosk.folder)).mode & 0o777).toBe(0o600);

  expect(await deliverEverything(kiosk, kioskId, { batchSize: 40 })).toBe(Math.ceil((30 * 5) / 40));
  expect(await centralRows(fleet.superuser, kioskId)).toEqual(kioskRows(kiosk.db));
  expect(readOutboxBacklog(kiosk.db)).toEqual({ rows: 0, oldestQueuedAt: null });

  kiosk.writeVisits(2, { open: true });
  await deliverEverything(kiosk, kioskId);
  expect(await centralRows(fleet.superuser, kioskId)).toContain(`sessions:32:open`);
  kiosk.endOpenSession();
  await deliverEverything(kiosk, kioskId);
  const central = await centralRows(fleet.superuser, kioskId);
  expect(central).toEqual(kioskRows(kiosk.db));
  expect(central).toContain('sessions:32:completed');

  const status = fleetStatus(kiosk.db, kiosk.folder)!;
  expect(status).toMatchObject({ backlog: 0, lagMs: 0, link: { kioskId, lastError: null } });
  // The session that ended after it was first sent went twice.
  expect(status.link.deliveredRows).toBe(central.length + 1);
});

it('a batch delivered twice changes nothing, and an older copy of a row never replaces a newer one', async () => {
  const { kiosk, kioskId } = await joinedKiosk('5 East');
  kiosk.writeVisits(3, { open: true });
  const older = readOutboxBatch(kiosk.db, 1000);
  const west = openCentral(storedCredentials(kiosk));
  const admin = openCentral(fleet.superuser);
  try {
    await uploadBatch(west, kioskId, older);
    const snapshot = () => admin.query('SELECT * FROM fleet.sessions WHERE kiosk_id = $1 ORDER BY local_id', [kioskId]);
    const first = await snapshot();
    await uploadBatch(west, kioskId, older);
    expect(await snapshot()).toEqual(first);

    kiosk.endOpenSession();
    const newer = readOutboxBatch(kiosk.db, 1000);
    await uploadBatch(west, kioskId, newer);
    await uploadBatch(west, kioskId, older);
    const [last] = await admin.query('SELECT end_reason FROM fleet.sessions WHERE kiosk_id = $1 AND local_id = 3', [
      kioskId,
    ]);
    expect(last).toEqual({ end_reason: 'completed' });
    const seen = await admin.query(
      "SELECT count(*)::int AS count FROM fleet.timer_outcomes WHERE kiosk_id = $1 AND state = 'acknowledged'",
      [kioskId],
    );
    expect(seen[0]).toEqual({ count: 3 });
  } finally {
    await west.end();
    await admin.end();
  }
});

it('a kiosk that writes rows in another kiosk’s name is refused by row-level security, and nothing of the batch lands', async () => {
  const west = await joinedKiosk('6 West');
  const east = await joinedKiosk('6 East');
  east.kiosk.writeVisits(1);
  await deliverEverything(east.kiosk, east.kioskId);
  const eastBefore = await centralRows(fleet.superuser, east.kioskId);

  west.kiosk.writeVisits(2);
  const batch = readOutboxBatch(west.kiosk.db, 1000);
  const sql = openCentral(storedCredentials(west.kiosk));
  try {
    await expect(uploadBatch(sql, east.kioskId, batch)).rejects.toThrow(/row-level security/);
  } finally {
    await sql.end();
  }
  expect(await centralRows(fleet.superuser, east.kioskId)).toEqual(eastBefore);
  expect(await centralRows(fleet.superuser, west.kioskId)).toEqual([]);
});

it('with credentials the centre refuses, the kiosk keeps writing and queueing, and its status says why', async () => {
  const { kiosk, kioskId } = await joinedKiosk('7 North');
  // IT reset the kiosk's password at the centre (say, after a laptop with its enrolment string was lost).
  const owner = openCentral(fleet.owner);
  await owner.query(`ALTER ROLE ${quoteIdentifier(kioskId)} PASSWORD '${scramVerifier('another-password')}'`);
  await owner.end();

  const lines: string[] = [];
  const worker = startTestDelivery(kiosk, {
    logger: {
      error: (message) => void lines.push(`error ${message}`),
      warn: (message) => void lines.push(`warn ${message}`),
    },
    backoff: { firstMs: 20, maxMs: 50 },
  });
  try {
    for (let round = 0; round < 5; round++) {
      const started = performance.now();
      kiosk.writeVisits(1);
      expect(performance.now() - started).toBeLessThan(250);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await waitFor(() => fleetStatus(kiosk.db, kiosk.folder)!.link.lastError !== null);
  } finally {
    await worker.stop();
  }
  const status = fleetStatus(kiosk.db, kiosk.folder)!;
  // Each visit queues seven changes (the timer twice, the session twice) of five rows.
  expect(status.backlog).toBe(5 * 7);
  expect(status.link.lastError).toMatch(
    /refused this kiosk's credentials.*password authentication failed.*new enrolment string/,
  );
  expect(status.link.lastDeliveredAt).toBeNull();
  // One warning for the run of failures, not one per try.
  expect(lines.filter((line) => line.startsWith('warn'))).toHaveLength(1);
  expect(await centralRows(fleet.superuser, kioskId)).toEqual([]);
});

it('the worker delivers new changes within a second while the kiosk runs, and stops cleanly', async () => {
  const { kiosk, kioskId } = await joinedKiosk('8 South', 5);
  // At the app's idle interval (a second), so it is the nudge that brings the change out promptly.
  const worker = startTestDelivery(kiosk, { idleMs: undefined });
  try {
    await waitFor(async () => (await centralRows(fleet.superuser, kioskId)).length === 25);
    kiosk.writeVisits(1);
    const written = performance.now();
    worker.nudge();
    await waitFor(() => readOutboxBacklog(kiosk.db).rows === 0, 5_000);
    expect(performance.now() - written).toBeLessThan(1_000);
  } finally {
    await worker.stop();
  }
  expect(await centralRows(fleet.superuser, kioskId)).toEqual(kioskRows(kiosk.db));
});

it('join refuses a damaged string, refused credentials or a second fleet, changing nothing; leave keeps undelivered changes unless told', async () => {
  const kiosk = createTestKiosk();
  kiosks.push(kiosk);
  const join = (enrolment: string) =>
    joinFleet({ db: kiosk.db, dataFolder: kiosk.folder, enrolment, clock: systemClock });
  await expect(join('hello')).rejects.toThrow(/not a kiosk enrolment string/);
  await expect(join('kiosk-fleet-1.e30')).rejects.toThrow(/damaged or from another version/);

  const { enrolment } = await enrolKiosk(fleet.owner, '9 West');
  const decoded = decodeEnrolment(enrolment);
  const wrong = `kiosk-fleet-1.${Buffer.from(JSON.stringify({ ...decoded, connection: { ...decoded.connection, password: 'nope' } })).toString('base64url')}`;
  await expect(join(wrong)).rejects.toThrow(/Could not join: .*refused this kiosk's credentials/);
  expect(fleetStatus(kiosk.db, kiosk.folder)).toBeNull();
  expect(existsSync(credentialsPath(kiosk.folder))).toBe(false);

  await join(enrolment);
  await expect(join(enrolment)).rejects.toThrow(FleetMembershipError);
  await expect(join(enrolment)).rejects.toThrow(/already belongs to a fleet, as "9 West"/);

  kiosk.writeVisits(1);
  expect(() => leaveFleet({ db: kiosk.db, dataFolder: kiosk.folder })).toThrow(/7 change\(s\) have not reached/);
  expect(fleetStatus(kiosk.db, kiosk.folder)?.backlog).toBe(7);
  expect(leaveFleet({ db: kiosk.db, dataFolder: kiosk.folder, discardUndelivered: true })).toEqual({ dropped: 7 });
  expect(fleetStatus(kiosk.db, kiosk.folder)).toBeNull();
  expect(existsSync(credentialsPath(kiosk.folder))).toBe(false);
  kiosk.writeVisits(1);
  expect(readOutboxBacklog(kiosk.db).rows).toBe(0);
});

it('the worker never starts for a kiosk in no fleet', () => {
  const kiosk = createTestKiosk();
  kiosks.push(kiosk);
  expect(
    startFleetDeliveryIfJoined({
      db: kiosk.db,
      dataFolder: kiosk.folder,
      clock: systemClock,
      logger: silentLogger,
    }),
  ).toBeNull();
});
