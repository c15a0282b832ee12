import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { openDatabase, type KioskDatabase } from '../db/open-database';
import { listAuditEntries } from '../repositories/audit-log-repository';
import { getStaff, recordFailedSignIn } from '../repositories/staff-repository';
import { makeTempFolder } from '../testing/temp-folder';
import { StaffAdmin } from './staff-admin';
import { StaffAuth } from './staff-auth';

let folder: ReturnType<typeof makeTempFolder>;
let db: KioskDatabase;
let clock: ManualClock;
let staff: StaffAdmin;

beforeEach(() => {
  folder = makeTempFolder();
  db = openDatabase(`${folder.path}/kiosk.db`);
  clock = new ManualClock(Date.UTC(2026, 5, 1, 10));
  staff = new StaffAdmin(db, clock);
});
afterEach(() => {
  db.close();
  folder.cleanup();
});

describe('staff admin', () => {
  it('adds staff with chosen or next free numbers, refusing duplicates', async () => {
    const first = await staff.add({ displayName: 'Ana Ruiz', role: 'admin', pin: '1234' }, null);
    const second = await staff.add({ displayName: 'Bo Li', role: 'nurse', pin: '5678' }, first.id);
    expect([first.staffNumber, second.staffNumber]).toEqual(['100', '101']);
    await expect(
      staff.add({ displayName: 'Copy', role: 'nurse', pin: '1111', staffNumber: '101' }, first.id),
    ).rejects.toThrow(/already in use/);
    expect(staff.list().map((member) => member.displayName)).toEqual(['Ana Ruiz', 'Bo Li']);
  });

  it('never lets the last active admin be disabled or demoted', async () => {
    const admin = await staff.add({ displayName: 'Admin', role: 'admin', pin: '1234' }, null);
    expect(() => staff.update(admin.id, { disabled: true }, admin.id)).toThrow(/last active admin/);
    expect(() => staff.update(admin.id, { role: 'nurse' }, admin.id)).toThrow(/last active admin/);
    const other = await staff.add({ displayName: 'Second', role: 'admin', pin: '4321' }, admin.id);
    expect(staff.update(admin.id, { disabled: true }, other.id)).toMatchObject({ disabled: true });
    expect(() => staff.update(other.id, { role: 'nurse' }, other.id)).toThrow(/last active admin/);
  });

  it('resets a PIN, which also lifts a lockout, and the new PIN works', async () => {
    const nurse = await staff.add({ displayName: 'Nurse', role: 'nurse', pin: '1234' }, null);
    recordFailedSignIn(db, nurse.id, { failedAttempts: 0, lockoutCount: 3, lockedUntil: clock.now() + 60_000 });
    expect(staff.list()[0]?.lockedOut).toBe(true);
    expect(await staff.resetPin(nurse.id, '987654', null)).toMatchObject({ lockedOut: false });
    expect(getStaff(db, nurse.id)).toMatchObject({ lockoutCount: 0, lockedUntil: null });
    const auth = new StaffAuth(db, clock, () => 60_000);
    await expect(auth.signIn(nurse.staffNumber, '1234')).rejects.toThrow();
    await expect(auth.signIn(nurse.staffNumber, '987654')).resolves.toMatchObject({ role: 'nurse' });
  });

  it('audits every change with who made it and never the PIN', async () => {
    const admin = await staff.add({ displayName: 'Admin', role: 'admin', pin: '2468' }, null);
    const nurse = await staff.add({ displayName: 'Nurse', role: 'nurse', pin: '1357' }, admin.id);
    staff.update(nurse.id, { displayName: 'Nurse B' }, admin.id);
    await staff.resetPin(nurse.id, '8642', admin.id);
    const audit = listAuditEntries(db);
    expect(audit.map((entry) => [entry.action, entry.staffId, entry.detail?.change])).toEqual([
      ['staff-changed', admin.id, 'pin-reset'],
      ['staff-changed', admin.id, 'updated'],
      ['staff-changed', admin.id, 'added'],
      ['staff-changed', null, 'added'],
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/2468|1357|8642/);
  });

  it('answers not-found for an unknown staff id', async () => {
    expect(() => staff.update(404, { disabled: true }, null)).toThrow(/no such staff/);
    await expect(staff.resetPin(404, '1234', null)).rejects.toThrow(/no such staff/);
  });
});
