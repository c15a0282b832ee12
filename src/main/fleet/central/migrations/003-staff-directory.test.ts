import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFleetTestDatabase, type FleetTestDatabase } from '../../testing/fleet-test-database';
import { waitFor } from '../../testing/wait-for';
import { migrateCentral } from '../central-migrate';
import { staffDirectory } from './003-staff-directory';
import type { CentralConnection } from '../central-connection';
import { openCentral } from '../connection-settings';
import { fleetRoles, quoteIdentifier } from '../fleet-roles';
import { addKiosk } from '../kiosk-registry';
import { readStaffChangesSince, recordStaffChange, type StaffChangeRequest } from '../staff-directory';
import { fleetSchema } from './001-fleet-schema';
import { dailyTotals } from './002-daily-totals';

/** The staff directory's rules, each tried with a kiosk's own credentials: PostgreSQL itself refuses. */
let fleet: FleetTestDatabase;
let owner: CentralConnection;
let west: CentralConnection;
let east: CentralConnection;
let reporter: CentralConnection;
let westId: string;
let eastId: string;

const nurse = (staffNumber: string, change: Partial<StaffChangeRequest> = {}): StaffChangeRequest => ({
  staffNumber,
  displayName: 'Ana Ruiz',
  role: 'nurse',
  pinHash: randomBytes(32),
  pinSalt: randomBytes(16),
  disabled: false,
  badgeHash: null,
  basedOn: 0,
  requestId: null,
  ...change,
});

const staffRow = async (staffNumber: string) =>
  (
    await owner.query<Record<string, unknown>>(
      `SELECT display_name, disabled, change_no::int, changed_by, overwrote_change_no::int, overwrote_by
       FROM fleet.staff WHERE staff_number = $1`,
      [staffNumber],
    )
  )[0];

beforeAll(async () => {
  fleet = await createFleetTestDatabase();
  owner = openCentral(fleet.owner);
  // From the version before this step, with a kiosk already registered: the upgrade keeps it.
  await migrateCentral(owner, [fleetSchema, dailyTotals]);
  const w = await addKiosk(owner, { name: '4 West', unit: 'Maternity' });
  expect(await migrateCentral(owner, [fleetSchema, dailyTotals, staffDirectory])).toMatchObject({ from: 2, to: 3 });
  await migrateCentral(owner);
  const e = await addKiosk(owner, { name: '5 East', unit: null });
  westId = w.kioskId;
  eastId = e.kioskId;
  west = openCentral({ ...fleet.owner, user: w.kioskId, password: w.password });
  east = openCentral({ ...fleet.owner, user: e.kioskId, password: e.password });
  const reportingLogin = `${fleetRoles(fleet.owner.database).reporting}_cli`;
  await owner.query(
    `CREATE ROLE ${quoteIdentifier(reportingLogin)} LOGIN PASSWORD 'reporting-pw' IN ROLE ${quoteIdentifier(fleetRoles(fleet.owner.database).reporting)}`,
  );
  reporter = openCentral({ ...fleet.owner, user: reportingLogin, password: 'reporting-pw' });
});
afterAll(async () => {
  await Promise.all([owner, west, east, reporter].map((sql) => sql?.end()));
  await fleet.drop();
});

describe('a kiosk', () => {
  it('changes staff through the function, in its own name, and reads the directory with its PIN hashes', async () => {
    const added = nurse('201');
    const first = await recordStaffChange(west, added);
    expect(await staffRow('201')).toMatchObject({ change_no: first, changed_by: westId, overwrote_change_no: null });
    // Even acting as the kiosks' group role, the change is recorded in its login role's name.
    await west.query(`SET ROLE ${quoteIdentifier(fleetRoles(fleet.owner.database).kiosk)}`);
    const second = await recordStaffChange(west, { ...added, disabled: true, basedOn: first });
    await west.query('RESET ROLE');
    expect(second).toBeGreaterThan(first);
    expect(await staffRow('201')).toMatchObject({ disabled: true, changed_by: westId });
    // Another kiosk reads the directory, hashes included: it checks PINs itself, offline too.
    const pulled = await readStaffChangesSince(east, 0);
    expect(pulled.find((change) => change.staffNumber === '201')).toMatchObject({
      changeNo: second,
      disabled: true,
      pinHash: added.pinHash,
      pinSalt: added.pinSalt,
    });
  });

  it('cannot write, delete or empty the directory or its history except through the function', async () => {
    const forged = [
      `INSERT INTO fleet.staff (staff_number, display_name, role, pin_hash, pin_salt, disabled, change_no, changed_at, changed_by)
         VALUES ('999', 'x', 'admin', '\\x00', '\\x00', false, 999, now(), '${eastId}')`,
      `UPDATE fleet.staff SET role = 'admin'`,
      `UPDATE fleet.staff SET changed_by = '${eastId}'`,
      `DELETE FROM fleet.staff`,
      `TRUNCATE fleet.staff`,
      `INSERT INTO fleet.staff_changes (change_no, staff_number, display_name, role, pin_hash, pin_salt, disabled, changed_by)
         VALUES (999, '999', 'x', 'admin', '\\x00', '\\x00', false, '${eastId}')`,
      `DELETE FROM fleet.staff_changes`,
      `SELECT setval('fleet.staff_change_numbers', 1)`,
      `ALTER FUNCTION fleet.change_staff(text, text, text, bytea, bytea, boolean, bigint, text) SECURITY INVOKER`,
    ];
    for (const statement of forged)
      await expect(west.query(statement), statement).rejects.toThrow(/permission denied|must be owner/);
    expect(await owner.query('SELECT count(*)::int AS n FROM fleet.staff')).toEqual([{ n: 1 }]);
  });

  it('never reads the change history, where old PIN hashes are', async () => {
    await expect(west.query('SELECT pin_hash FROM fleet.staff_changes')).rejects.toThrow(/permission denied/);
  });

  it('gets a clear refusal for bad fields, and nothing changes', async () => {
    const before = await owner.query('SELECT count(*)::int AS n FROM fleet.staff_changes');
    await expect(recordStaffChange(west, nurse('202', { role: 'root' as never }))).rejects.toThrow(/check constraint/);
    await expect(recordStaffChange(west, nurse('202', { pinHash: Buffer.alloc(3) }))).rejects.toThrow(
      /check constraint/,
    );
    await expect(recordStaffChange(west, nurse('12345678901'))).rejects.toThrow(/check constraint/);
    expect(await owner.query('SELECT count(*)::int AS n FROM fleet.staff_changes')).toEqual(before);
    expect(await staffRow('202')).toBeUndefined();
  });

  it('records a change sent twice once', async () => {
    const change = nurse('203', { requestId: '17' });
    const first = await recordStaffChange(west, change);
    expect(await recordStaffChange(west, change)).toBe(first);
    // The same request id from another kiosk is another change.
    expect(await recordStaffChange(east, change)).toBeGreaterThan(first);
  });
});

describe('the change numbers', () => {
  it('follow commit order: a change waits for one in flight, then takes a higher number', async () => {
    let firstNo = 0;
    let secondNo = 0;
    await west.transaction(async (tx) => {
      firstNo = await recordStaffChange(tx, nurse('204'));
      const racing = recordStaffChange(east, nurse('205')).then((n) => (secondNo = n));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(secondNo, 'the second change waited for the first to commit').toBe(0);
      void racing;
    });
    await waitFor(() => secondNo > 0, 10_000);
    expect(secondNo).toBeGreaterThan(firstNo);
  });

  it('mark a change based on an older number as overwriting the current one', async () => {
    const base = await recordStaffChange(west, nurse('206'));
    const fromEast = await recordStaffChange(east, nurse('206', { displayName: 'East', basedOn: base }));
    expect(await staffRow('206')).toMatchObject({ overwrote_change_no: null });
    const fromWest = await recordStaffChange(west, nurse('206', { displayName: 'West', basedOn: base }));
    expect(await staffRow('206')).toMatchObject({
      display_name: 'West',
      change_no: fromWest,
      overwrote_change_no: fromEast,
      overwrote_by: eastId,
    });
  });
});

describe('the reporting role', () => {
  it('reads the directory and its history without any hash, and changes nothing', async () => {
    expect(await reporter.query("SELECT staff_number, changed_by FROM fleet.staff WHERE staff_number = '201'")).toEqual(
      [{ staff_number: '201', changed_by: westId }],
    );
    expect((await reporter.query('SELECT change_no FROM fleet.staff_changes')).length).toBeGreaterThan(3);
    await expect(reporter.query('SELECT pin_hash FROM fleet.staff')).rejects.toThrow(/permission denied/);
    await expect(reporter.query('SELECT * FROM fleet.staff_changes')).rejects.toThrow(/permission denied/);
    await expect(recordStaffChange(reporter, nurse('207'))).rejects.toThrow(/permission denied/);
  });
});
