import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFleetTestDatabase, type FleetTestDatabase } from '../../testing/fleet-test-database';
import { migrateCentral } from '../central-migrate';
import type { CentralConnection } from '../central-connection';
import { openCentral } from '../connection-settings';
import { fleetRoles, quoteIdentifier } from '../fleet-roles';
import { addKiosk } from '../kiosk-registry';
import {
  readFleetBadgeKey,
  readStaffChangesSince,
  recordStaffChange,
  type StaffChangeRequest,
} from '../staff-directory';
import { CENTRAL_MIGRATIONS } from '.';
import { fleetBadgeKey } from './010-fleet-badge-key';

/** The fleet's badge key and badges in the directory, each rule tried with the role it concerns. */
let fleet: FleetTestDatabase;
let owner: CentralConnection;
let west: CentralConnection;
let east: CentralConnection;
let reporter: CentralConnection;

const nurse = (staffNumber: string, change: Partial<StaffChangeRequest> = {}): StaffChangeRequest => ({
  staffNumber,
  displayName: 'Ana Ruiz',
  role: 'nurse',
  pinHash: randomBytes(32),
  pinSalt: randomBytes(16),
  disabled: false,
  badgeHash: null,
  basedOn: null,
  requestId: null,
  ...change,
});

const badgeOf = async (staffNumber: string) =>
  (
    await owner.query<{ badge_hash: Buffer | null }>('SELECT badge_hash FROM fleet.staff WHERE staff_number = $1', [
      staffNumber,
    ])
  )[0]?.badge_hash ?? null;

beforeAll(async () => {
  fleet = await createFleetTestDatabase();
  owner = openCentral(fleet.owner);
  // From the step before, with a kiosk and a staff member already there: the upgrade keeps both.
  await migrateCentral(
    owner,
    CENTRAL_MIGRATIONS.filter((step) => step.version < fleetBadgeKey.version),
  );
  const w = await addKiosk(owner, { name: '4 West', unit: 'Maternity' });
  west = openCentral({ ...fleet.owner, user: w.kioskId, password: w.password });
  expect(await readFleetBadgeKey(west)).toBeNull();
  await west.query(`SELECT fleet.change_staff('300', 'Before', 'nurse', $1, $2, false, 0, NULL)`, [
    randomBytes(32),
    randomBytes(16),
  ]);
  expect(await migrateCentral(owner)).toMatchObject({ to: CENTRAL_MIGRATIONS.at(-1)!.version });
  const e = await addKiosk(owner, { name: '5 East', unit: null });
  east = openCentral({ ...fleet.owner, user: e.kioskId, password: e.password });
  const reportingLogin = `${fleetRoles(fleet.owner.database).reporting}_cli`;
  await owner.query(
    `CREATE ROLE ${quoteIdentifier(reportingLogin)} LOGIN PASSWORD 'reporting-pw' IN ROLE ${quoteIdentifier(fleetRoles(fleet.owner.database).reporting)}`,
  );
  reporter = openCentral({ ...fleet.owner, user: reportingLogin, password: 'reporting-pw' });
});
afterAll(async () => {
  await Promise.all([owner, west, east, reporter].map((sql) => sql?.end()));
  await fleet?.drop();
});

describe('the badge key', () => {
  it('is made once, random, and the same for every kiosk, which reads it only through the function', async () => {
    const [stored] = await owner.query<{ key: Buffer }>('SELECT key FROM fleet.badge_key');
    const fromWest = await readFleetBadgeKey(west);
    expect(fromWest).toHaveLength(32);
    expect(fromWest!.equals(stored!.key)).toBe(true);
    expect((await readFleetBadgeKey(east))!.equals(fromWest!)).toBe(true);
    expect(fromWest!.equals(Buffer.alloc(32))).toBe(false);
    await expect(west.query('SELECT key FROM fleet.badge_key')).rejects.toThrow(/permission denied/);
    await expect(west.query('UPDATE fleet.badge_key SET key = $1', [randomBytes(32)])).rejects.toThrow(
      /permission denied/,
    );
    await expect(west.query('ALTER FUNCTION fleet.badge_key() SECURITY INVOKER')).rejects.toThrow(/must be owner/);
    await expect(owner.query('INSERT INTO fleet.badge_key (key) VALUES ($1)', [randomBytes(32)])).rejects.toThrow(
      /duplicate key/,
    );
  });

  it('is never readable by the reporting role', async () => {
    await expect(readFleetBadgeKey(reporter)).rejects.toThrow(/permission denied/);
    await expect(reporter.query('SELECT key FROM fleet.badge_key')).rejects.toThrow(/permission denied/);
    await expect(reporter.query('SELECT badge_hash FROM fleet.staff')).rejects.toThrow(/permission denied/);
    await expect(reporter.query('SELECT badge_hash FROM fleet.staff_changes')).rejects.toThrow(/permission denied/);
  });
});

describe('badges in the directory', () => {
  it('travel with the staff member, kept by kiosks still on the step-3 function', async () => {
    const badge = randomBytes(32);
    const given = await recordStaffChange(west, nurse('301', { badgeHash: badge }));
    const pulled = await readStaffChangesSince(east, given - 1);
    expect(pulled.map((change) => [change.staffNumber, change.badgeHash?.equals(badge)])).toEqual([['301', true]]);
    await west.query(`SELECT fleet.change_staff('301', 'Renamed', 'nurse', $1, $2, false, $3, NULL)`, [
      randomBytes(32),
      randomBytes(16),
      given,
    ]);
    expect((await badgeOf('301'))?.equals(badge)).toBe(true);
    expect(await badgeOf('300')).toBeNull();
  });

  it('move: a badge given to someone else is first taken from its holder, as a change of its own', async () => {
    const badge = randomBytes(32);
    const first = await recordStaffChange(west, nurse('302', { badgeHash: badge }));
    const moved = await recordStaffChange(east, nurse('303', { badgeHash: badge }));
    const pulled = await readStaffChangesSince(west, first);
    expect(
      pulled.map((change) => [change.staffNumber, change.changeNo, change.badgeHash?.equals(badge) ?? null]),
    ).toEqual([
      ['302', moved - 1, null],
      ['303', moved, true],
    ]);
    expect(pulled[0]!.changedBy).toBe(pulled[1]!.changedBy);
  });

  it('refuses a hash of the wrong length, changing nothing', async () => {
    const before = await readStaffChangesSince(owner, 0);
    await expect(recordStaffChange(west, nurse('304', { badgeHash: Buffer.alloc(31) }))).rejects.toThrow(
      /check constraint/,
    );
    expect(await readStaffChangesSince(owner, 0)).toEqual(before);
  });

  it('cannot be changed by the reporting role', async () => {
    await expect(recordStaffChange(reporter, nurse('305', { badgeHash: randomBytes(32) }))).rejects.toThrow(
      /permission denied/,
    );
  });
});
