import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFleetTestDatabase, type FleetTestDatabase } from '../../testing/fleet-test-database';
import { migrateCentral } from '../central-migrate';
import type { CentralConnection } from '../central-connection';
import { openCentral } from '../connection-settings';
import { fleetRoles, quoteIdentifier } from '../fleet-roles';
import { acknowledgeHelpCall, readOpenUnitCalls, sendHelpCall } from '../help-calls';
import { addKiosk } from '../kiosk-registry';
import { LATE_AFTER_SECONDS } from './007-help-calls';

let fleet: FleetTestDatabase;
let owner: CentralConnection;
let reporter: CentralConnection;
const kiosks: Record<'a' | 'b' | 'other', { id: string; sql: CentralConnection }> = {} as never;

const call = (localId: number, extra: Partial<Parameters<typeof sendHelpCall>[1]> = {}) => ({
  localId,
  room: `Room ${localId}`,
  raisedAt: Date.UTC(2026, 5, 1, 3, 12),
  screen: 'help',
  waitedMs: 150,
  ...extra,
});

beforeAll(async () => {
  fleet = await createFleetTestDatabase();
  owner = openCentral(fleet.owner);
  await migrateCentral(owner);
  for (const [key, name, unit] of [
    ['a', '4 West', 'Maternity'],
    ['b', '4 East', 'Maternity'],
    ['other', 'NICU 1', 'NICU'],
  ] as const) {
    const added = await addKiosk(owner, { name, unit });
    kiosks[key] = {
      id: added.kioskId,
      sql: openCentral({ ...fleet.owner, user: added.kioskId, password: added.password }),
    };
  }
  const reportingLogin = `${fleetRoles(fleet.owner.database).reporting}_hc`;
  await owner.query(
    `CREATE ROLE ${quoteIdentifier(reportingLogin)} LOGIN PASSWORD 'reporting-pw' IN ROLE ${quoteIdentifier(fleetRoles(fleet.owner.database).reporting)}`,
  );
  reporter = openCentral({ ...fleet.owner, user: reportingLogin, password: 'reporting-pw' });
});
afterAll(async () => {
  await Promise.all([owner, reporter, ...Object.values(kiosks).map((k) => k.sql)].map((sql) => sql?.end()));
  await fleet.drop();
});

it('stamps the centre’s receipt and unit itself; sent again, the call keeps its first receipt', async () => {
  const before = Date.now();
  const first = await sendHelpCall(kiosks.a.sql, call(1));
  expect(first.late).toBe(false);
  expect(first.receivedAt).toBeGreaterThanOrEqual(before - 1_000);
  const again = await sendHelpCall(kiosks.a.sql, call(1, { room: 'Changed' }));
  expect(again).toEqual(first);
  const [row] = await owner.query<{ unit: string; room: string; kiosk_name: string }>(
    'SELECT unit, room, kiosk_name FROM fleet.help_calls WHERE kiosk_id = $1 AND local_id = 1',
    [kiosks.a.id],
  );
  expect(row).toEqual({ unit: 'Maternity', room: 'Room 1', kiosk_name: '4 West' });
});

it('marks late a call that waited on its kiosk past the limit, whatever its raised_at says', async () => {
  const late = await sendHelpCall(kiosks.a.sql, call(2, { waitedMs: LATE_AFTER_SECONDS * 1000 + 1 }));
  expect(late.late).toBe(true);
  // A kiosk clock hours behind, but the call left at once: on time.
  const skewed = await sendHelpCall(kiosks.a.sql, call(3, { raisedAt: Date.now() - 3 * 3_600_000, waitedMs: 10 }));
  expect(skewed.late).toBe(false);
});

it('shows a call to the other kiosks of its unit only', async () => {
  expect((await readOpenUnitCalls(kiosks.b.sql)).map((open) => [open.kioskId, open.localId])).toEqual([
    [kiosks.a.id, 1],
    [kiosks.a.id, 2],
    [kiosks.a.id, 3],
  ]);
  expect(await readOpenUnitCalls(kiosks.other.sql)).toEqual([]);
  expect(await kiosks.other.sql.query('SELECT * FROM fleet.help_calls')).toEqual([]);
  // Its own calls are not "from the unit" on the kiosk that raised them.
  expect(await readOpenUnitCalls(kiosks.a.sql)).toEqual([]);
});

it('refuses a kiosk a call in another’s name, stamps of its own, updates and deletes', async () => {
  await expect(
    kiosks.b.sql.query(
      `INSERT INTO fleet.help_calls (kiosk_id, local_id, room, raised_at, screen, waited_ms)
       VALUES ($1, 99, 'Room', now(), 'help', 0)`,
      [kiosks.a.id],
    ),
  ).rejects.toThrow(/row-level security/);
  await expect(
    kiosks.a.sql.query(
      `INSERT INTO fleet.help_calls (kiosk_id, local_id, room, raised_at, screen, waited_ms, received_at)
       VALUES (current_user, 98, 'Room', now(), 'help', 0, now() - interval '1 hour')`,
    ),
  ).rejects.toThrow(/permission denied/);
  await expect(
    kiosks.b.sql.query(`UPDATE fleet.help_calls SET acknowledged_at = now(), acknowledged_by = '1'`),
  ).rejects.toThrow(/permission denied/);
  await expect(kiosks.a.sql.query('DELETE FROM fleet.help_calls')).rejects.toThrow(/permission denied/);
  expect(await owner.query('SELECT count(*)::int AS n FROM fleet.help_calls')).toEqual([{ n: 3 }]);
});

it('lets a kiosk of the unit answer through the function, recording who and where; never another unit', async () => {
  await expect(acknowledgeHelpCall(kiosks.other.sql, { kioskId: kiosks.a.id, localId: 1 }, '301')).rejects.toThrow(
    /no such help call/,
  );
  const at = await acknowledgeHelpCall(kiosks.b.sql, { kioskId: kiosks.a.id, localId: 1 }, '204');
  // The first answer stands.
  expect(await acknowledgeHelpCall(kiosks.b.sql, { kioskId: kiosks.a.id, localId: 1 }, '205')).toBe(at);
  const [row] = await owner.query<{ by: string; kiosk: string }>(
    `SELECT acknowledged_by AS by, acknowledged_by_kiosk AS kiosk FROM fleet.help_calls
     WHERE kiosk_id = $1 AND local_id = 1`,
    [kiosks.a.id],
  );
  expect(row).toEqual({ by: '204', kiosk: kiosks.b.id });
  expect((await readOpenUnitCalls(kiosks.b.sql)).map((open) => open.localId)).toEqual([2, 3]);
  await expect(acknowledgeHelpCall(kiosks.b.sql, { kioskId: kiosks.a.id, localId: 2 }, 'not a number')).rejects.toThrow(
    /check constraint/,
  );
});

it('notifies listeners when a call is raised and when it is answered', async () => {
  const heard: string[] = [];
  await kiosks.b.sql.listen('fleet_help_calls', (payload) => heard.push(payload));
  await sendHelpCall(kiosks.a.sql, call(4));
  await acknowledgeHelpCall(kiosks.b.sql, { kioskId: kiosks.a.id, localId: 4 }, '204');
  const until = Date.now() + 5_000;
  while (heard.length < 2 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(heard).toEqual(['INSERT', 'UPDATE']);
});

it('lets the reporting role read every call and write none', async () => {
  expect(await reporter.query('SELECT count(*)::int AS n FROM fleet.help_calls')).toEqual([{ n: 4 }]);
  await expect(reporter.query('DELETE FROM fleet.help_calls')).rejects.toThrow(/permission denied/);
});
