import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFleetTestDatabase, type FleetTestDatabase } from '../../testing/fleet-test-database';
import { waitFor } from '../../testing/wait-for';
import { migrateCentral } from '../central-migrate';
import type { CentralConnection } from '../central-connection';
import { openCentral } from '../connection-settings';
import { fleetRoles, quoteIdentifier } from '../fleet-roles';
import { addKiosk } from '../kiosk-registry';
import { publishRoomStates, readUnitRoomStates } from '../room-states';
import { fleetSchema } from './001-fleet-schema';
import { dailyTotals } from './002-daily-totals';
import { staffDirectory } from './003-staff-directory';
import { contentPacks } from './004-content-packs';
import { ROOM_STATES_CHANNEL } from './008-room-states';

let fleet: FleetTestDatabase;
let owner: CentralConnection;
let reporter: CentralConnection;
const kiosks: Record<'a' | 'b' | 'c', { id: string; sql: CentralConnection }> = {} as never;

beforeAll(async () => {
  fleet = await createFleetTestDatabase();
  owner = openCentral(fleet.owner);
  // A fleet made before the room board existed, upgraded.
  await migrateCentral(owner, [fleetSchema, dailyTotals, staffDirectory, contentPacks]);
  expect(await migrateCentral(owner)).toMatchObject({ from: 4 });
  for (const [key, name, unit] of [
    ['a', 'Room side', 'Maternity'],
    ['b', 'Nurses station', 'Maternity'],
    ['c', 'NICU entrance', 'NICU'],
  ] as const) {
    const added = await addKiosk(owner, { name, unit });
    kiosks[key] = {
      id: added.kioskId,
      sql: openCentral({ ...fleet.owner, user: added.kioskId, password: added.password }),
    };
  }
  const reportingLogin = `${fleetRoles(fleet.owner.database).reporting}_board`;
  await owner.query(
    `CREATE ROLE ${quoteIdentifier(reportingLogin)} LOGIN PASSWORD 'reporting-pw' IN ROLE ${quoteIdentifier(fleetRoles(fleet.owner.database).reporting)}`,
  );
  reporter = openCentral({ ...fleet.owner, user: reportingLogin, password: 'reporting-pw' });
});
afterAll(async () => {
  await Promise.all([owner, reporter, ...Object.values(kiosks).map((k) => k.sql)].map((sql) => sql?.end()));
  await fleet.drop();
});

it("shows a home kiosk's rooms to its unit's kiosks only, named and aged by the centre", async () => {
  await publishRoomStates(kiosks.a.sql, [
    { roomId: 1, name: 'Room 1', state: 'occupied', sinceAgoMs: 12 * 60_000 },
    { roomId: 2, name: 'Room 2', state: 'free', sinceAgoMs: null },
  ]);
  const seenByB = await readUnitRoomStates(kiosks.b.sql);
  expect(
    seenByB.map(({ kioskId, kioskName, roomId, name, state }) => ({ kioskId, kioskName, roomId, name, state })),
  ).toEqual([
    { kioskId: kiosks.a.id, kioskName: 'Room side', roomId: 1, name: 'Room 1', state: 'occupied' },
    { kioskId: kiosks.a.id, kioskName: 'Room side', roomId: 2, name: 'Room 2', state: 'free' },
  ]);
  expect(seenByB[0]!.sinceAgoMs).toBeGreaterThanOrEqual(12 * 60_000);
  expect(seenByB[0]!.sinceAgoMs).toBeLessThan(12 * 60_000 + 10_000);
  expect(seenByB[1]!.sinceAgoMs).toBeNull();
  expect(seenByB[0]!.updatedAgoMs).toBeLessThan(10_000);
  // Another unit sees nothing; the home kiosk does not list its own rooms as remote.
  expect(await readUnitRoomStates(kiosks.c.sql)).toEqual([]);
  expect(await readUnitRoomStates(kiosks.a.sql)).toEqual([]);
  const [{ unit }] = (await kiosks.b.sql.query<{ unit: string }>('SELECT fleet.current_kiosk_unit() AS unit')) as [
    { unit: string },
  ];
  expect(unit).toBe('Maternity');
  expect(await reporter.query('SELECT 1 FROM fleet.room_states')).toHaveLength(2);
});

it('replaces the whole set: a room no longer published is removed, a new state replaces the old', async () => {
  await publishRoomStates(kiosks.a.sql, [{ roomId: 2, name: 'Room 2', state: 'needs-cleaning', sinceAgoMs: 0 }]);
  const seen = await readUnitRoomStates(kiosks.b.sql);
  expect(seen.map((room) => [room.roomId, room.state])).toEqual([[2, 'needs-cleaning']]);
});

it("refuses a kiosk writing or removing another kiosk's rooms, and a unit it does not belong to", async () => {
  await publishRoomStates(kiosks.c.sql, [{ roomId: 7, name: 'NICU 7', state: 'free', sinceAgoMs: null }]);
  await expect(
    kiosks.b.sql.execute(
      `INSERT INTO fleet.room_states (kiosk_id, room_local_id, room_name, state) VALUES ($1, 9, 'Fake', 'free')`,
      [kiosks.a.id],
    ),
  ).rejects.toThrow(/row-level security/);
  // Another kiosk's rows are invisible to UPDATE and DELETE: nothing changes.
  expect(
    await kiosks.b.sql.execute(`UPDATE fleet.room_states SET state = 'free' WHERE kiosk_id = $1`, [kiosks.a.id]),
  ).toBe(0);
  expect(await kiosks.b.sql.execute('DELETE FROM fleet.room_states WHERE kiosk_id = $1', [kiosks.a.id])).toBe(0);
  await expect(kiosks.b.sql.execute(`UPDATE fleet.room_states SET kiosk_id = $1`, [kiosks.a.id])).rejects.toThrow(
    /permission denied/,
  );
  // The unit is the registration's, whatever the kiosk writes.
  await kiosks.c.sql.execute(`UPDATE fleet.room_states SET state = 'occupied'`);
  await expect(kiosks.c.sql.execute(`UPDATE fleet.room_states SET unit = 'Maternity'`)).rejects.toThrow(
    /permission denied/,
  );
  await expect(kiosks.c.sql.execute('TRUNCATE fleet.room_states')).rejects.toThrow(/permission denied/);
  await expect(reporter.execute('DELETE FROM fleet.room_states')).rejects.toThrow(/permission denied/);
  const rows = await owner.query<{ kiosk_id: string; state: string; unit: string }>(
    'SELECT kiosk_id, state, unit FROM fleet.room_states ORDER BY kiosk_id, room_local_id',
  );
  expect(rows).toEqual(
    expect.arrayContaining([
      { kiosk_id: kiosks.a.id, state: 'needs-cleaning', unit: 'Maternity' },
      { kiosk_id: kiosks.c.id, state: 'occupied', unit: 'NICU' },
    ]),
  );
  expect(rows).toHaveLength(2);
});

it('announces a change with the home kiosk alone, and not a publish that changes nothing shown', async () => {
  const heard: string[] = [];
  await kiosks.b.sql.listen(ROOM_STATES_CHANNEL, (payload) => heard.push(payload));
  const same = [{ roomId: 2, name: 'Room 2', state: 'needs-cleaning' as const, sinceAgoMs: 0 }];
  const [{ before }] = (await owner.query<{ before: Date }>(
    'SELECT updated_at AS before FROM fleet.room_states WHERE kiosk_id = $1',
    [kiosks.a.id],
  )) as [{ before: Date }];
  // Half a second later, the same state (its start sent a little differently, as a kiosk's clock moves): "as of" moves.
  await new Promise((resolve) => setTimeout(resolve, 500));
  await publishRoomStates(kiosks.a.sql, [{ ...same[0]!, sinceAgoMs: 450 }]);
  const [{ after }] = (await owner.query<{ after: Date }>(
    'SELECT updated_at AS after FROM fleet.room_states WHERE kiosk_id = $1',
    [kiosks.a.id],
  )) as [{ after: Date }];
  expect(after.getTime()).toBeGreaterThan(before.getTime());
  await publishRoomStates(kiosks.a.sql, [{ roomId: 2, name: 'Room 2', state: 'free', sinceAgoMs: 0 }]);
  await waitFor(() => heard.length > 0, 5_000);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(heard).toEqual([kiosks.a.id]);
});
