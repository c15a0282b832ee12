import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFleetTestDatabase, type FleetTestDatabase } from '../../testing/fleet-test-database';
import { migrateCentral } from '../central-migrate';
import type { CentralConnection } from '../central-connection';
import { openCentral } from '../connection-settings';
import { acknowledgeHelpCall, readAnsweredOwnCalls, readOpenUnitCalls, sendHelpCall } from '../help-calls';
import { addKiosk, listKiosks, setStation } from '../kiosk-registry';
import { CENTRAL_MIGRATIONS } from '.';
import { stationKiosks } from './011-station-kiosks';

/** Nurses' station kiosks: each rule tried with the kiosks' own roles against a real PostgreSQL. */
let fleet: FleetTestDatabase;
let owner: CentralConnection;
let west: CentralConnection;
let westId: string;
let nicu: CentralConnection;
let desk: CentralConnection;
let deskId: string;
let localIds = 0;

const raise = (room: string) => {
  const localId = ++localIds;
  return sendHelpCall(west, { localId, room, raisedAt: Date.now(), screen: 'help', waitedMs: 0 }).then(() => localId);
};
const openRooms = async (sql: CentralConnection) => (await readOpenUnitCalls(sql)).map((call) => call.roomName);
const stationColumn = async (kioskId: string) =>
  (await owner.query<{ station: boolean }>('SELECT station FROM fleet.kiosks WHERE kiosk_id = $1', [kioskId]))[0]!
    .station;

async function login(name: string, unit: string | null) {
  const kiosk = await addKiosk(owner, { name, unit });
  return { id: kiosk.kioskId, sql: openCentral({ ...fleet.owner, user: kiosk.kioskId, password: kiosk.password }) };
}

beforeAll(async () => {
  fleet = await createFleetTestDatabase();
  owner = openCentral(fleet.owner);
  // From the step before, with kiosks and an open call already there: the upgrade keeps them, none a station.
  await migrateCentral(
    owner,
    CENTRAL_MIGRATIONS.filter((step) => step.version < stationKiosks.version),
  );
  ({ id: westId, sql: west } = await login('4 West', 'Maternity'));
  ({ sql: nicu } = await login('NICU 1', 'NICU'));
  ({ id: deskId, sql: desk } = await login('Front desk', null));
  await raise('Room before');
  expect(await migrateCentral(owner)).toMatchObject({ to: CENTRAL_MIGRATIONS.at(-1)!.version });
  expect((await listKiosks(owner)).map((kiosk) => kiosk.station)).toEqual([false, false, false]);
  expect(await openRooms(desk)).toEqual([]);
});
afterAll(async () => {
  await Promise.all([owner, west, nicu, desk].map((sql) => sql?.end()));
  await fleet?.drop();
});

describe('a nurses’ station', () => {
  it('of no unit sees another unit’s call and answers it; the raising kiosk learns who answered', async () => {
    expect(await setStation(owner, 'Front desk', true)).toEqual({
      kioskId: deskId,
      name: 'Front desk',
      unit: null,
      station: true,
    });
    const localId = await raise('Room 2');
    expect(await openRooms(desk)).toEqual(['Room before', 'Room 2']);
    await acknowledgeHelpCall(desk, { kioskId: westId, localId }, '101');
    expect(await readAnsweredOwnCalls(west, [localId])).toEqual([
      expect.objectContaining({ localId, acknowledgedBy: '101', byKiosk: deskId }),
    ]);
    expect(await openRooms(desk)).toEqual(['Room before']);
  });

  it('is also made at registration, and then reads every unit’s calls from the start', async () => {
    const made = await addKiosk(owner, { name: 'Station 2', unit: 'NICU', station: true });
    const station = openCentral({ ...fleet.owner, user: made.kioskId, password: made.password });
    try {
      expect(await openRooms(station)).toEqual(['Room before']);
      expect(await stationColumn(made.kioskId)).toBe(true);
    } finally {
      await station.end();
    }
  });
});

describe('a plain kiosk of another unit', () => {
  it('still sees no call of another unit and is refused an answer', async () => {
    const localId = await raise('Room 3');
    expect(await openRooms(nicu)).toEqual([]);
    await expect(acknowledgeHelpCall(nicu, { kioskId: westId, localId }, '202')).rejects.toThrow(/no such help call/);
    expect(await readAnsweredOwnCalls(west, [localId])).toEqual([]);
  });

  it('cannot make itself a station', async () => {
    const nicuId = (await nicu.query<{ me: string }>('SELECT current_user AS me'))[0]!.me;
    await expect(nicu.query('UPDATE fleet.kiosks SET station = true')).rejects.toThrow(/permission denied/);
    await expect(
      nicu.query('INSERT INTO fleet.kiosks (kiosk_id, name, station) VALUES (current_user, $1, true)', ['Fake']),
    ).rejects.toThrow(/permission denied/);
    await expect(nicu.query('ALTER FUNCTION fleet.current_kiosk_is_station() SECURITY INVOKER')).rejects.toThrow(
      /must be owner/,
    );
    expect(await nicu.query('SELECT fleet.current_kiosk_is_station() AS station')).toEqual([{ station: false }]);
    expect(await stationColumn(nicuId)).toBe(false);
    expect(await openRooms(nicu)).toEqual([]);
  });
});

describe('set-station', () => {
  it('off takes it away: the kiosk reads and answers its own unit’s calls only again', async () => {
    expect(await setStation(owner, deskId, false)).toMatchObject({ name: 'Front desk', station: false });
    // The desk has no unit: step 7's answer let such a kiosk through (its unit test was NULL, not false).
    const localId = await raise('Room 4');
    expect(await openRooms(desk)).toEqual([]);
    await expect(acknowledgeHelpCall(desk, { kioskId: westId, localId }, '101')).rejects.toThrow(/no such help call/);
    expect(await readAnsweredOwnCalls(west, [localId])).toEqual([]);
  });

  it('refuses a kiosk that is not registered, changing nothing', async () => {
    const before = await listKiosks(owner);
    await expect(setStation(owner, 'No such kiosk', true)).rejects.toThrow(/No registered kiosk is named "No such/);
    expect(await listKiosks(owner)).toEqual(before);
  });
});
