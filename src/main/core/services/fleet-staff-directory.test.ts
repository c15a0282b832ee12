import { expect } from 'vitest';
import { ManualClock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { insertFleetLink } from '../repositories/fleet-outbox-repository';
import { countStaffOutbox, readStaffPullCursor, staffFleetChangeNo } from '../repositories/fleet-staff-repository';
import { dbTest } from '../testing/temp-database';
import { applyPulledStaffChanges, type PulledStaffChange } from './fleet-staff-directory';
import { hashPin } from './pin-hashing';
import { StaffAdmin } from './staff-admin';
import { StaffAuth } from './staff-auth';

const clock = new ManualClock(Date.UTC(2026, 5, 1, 8));

async function change(staffNumber: string, changeNo: number, fields: Partial<PulledStaffChange> = {}, pin = '2468') {
  return {
    staffNumber,
    displayName: `Nurse ${staffNumber}`,
    role: 'nurse' as const,
    disabled: false,
    badgeHash: null,
    ...(await hashPin(pin)),
    changeNo,
    changedBy: 'fleet_k_other',
    overwrote: null,
    ...fields,
  };
}

const joined = (db: KioskDatabase) =>
  insertFleetLink(db, { kioskId: 'fleet_k_me', kioskName: 'Ward', unit: null, server: 's', joinedAt: 0 });

const audits = (db: KioskDatabase, action: string) =>
  (db.prepare('SELECT detail FROM audit_log WHERE action = ? ORDER BY id').pluck().all(action) as string[]).map(
    (detail) => JSON.parse(detail) as Record<string, unknown>,
  );

dbTest('applies the centre’s changes in order, remembers the last, and never queues them back', async ({ db }) => {
  joined(db);
  const auth = new StaffAuth(db, clock, () => 60_000);
  const applied = applyPulledStaffChanges(db, clock, [
    await change('301', 4),
    await change('302', 5, { role: 'admin' }),
    await change('301', 6, { displayName: 'Renamed' }, '1357'),
  ]);
  expect(applied).toEqual({ applied: 3, cursor: 6 });
  expect(readStaffPullCursor(db)).toBe(6);
  expect(new StaffAdmin(db, clock).findByNumber('301')).toMatchObject({ displayName: 'Renamed', disabled: false });
  expect(staffFleetChangeNo(db, '301')).toBe(6);
  await expect(auth.signIn('301', '1357')).resolves.toMatchObject({ role: 'nurse' });
  expect(countStaffOutbox(db)).toBe(0);
  expect(audits(db, 'staff-changed').map((a) => a.changeNo)).toEqual([4, 5, 6]);

  // Pulled again (an answer lost on the way): nothing changes.
  expect(applyPulledStaffChanges(db, clock, [await change('301', 4, { disabled: true })])).toEqual({
    applied: 0,
    cursor: 6,
  });
  expect(new StaffAdmin(db, clock).findByNumber('301')?.disabled).toBe(false);
});

dbTest('keeps lockouts on the kiosk, lifting one only when the PIN itself changed', async ({ db }) => {
  joined(db);
  const auth = new StaffAuth(db, clock, () => 60_000);
  const first = await change('303', 1);
  applyPulledStaffChanges(db, clock, [first]);
  for (let i = 0; i < 5; i++) {
    await auth.signIn('303', '0000').catch(() => undefined);
    clock.advance(31_000);
  }
  expect(new StaffAdmin(db, clock).findByNumber('303')?.lockedOut).toBe(true);
  applyPulledStaffChanges(db, clock, [{ ...first, changeNo: 2, displayName: 'Renamed' }]);
  expect(new StaffAdmin(db, clock).findByNumber('303')?.lockedOut).toBe(true);
  applyPulledStaffChanges(db, clock, [await change('303', 3, {}, '9753')]);
  expect(new StaffAdmin(db, clock).findByNumber('303')?.lockedOut).toBe(false);
});

dbTest('keeps a local change still queued, and audits a change that replaced a concurrent one', async ({ db }) => {
  joined(db);
  applyPulledStaffChanges(db, clock, [await change('304', 1)]);
  const admin = new StaffAdmin(db, clock);
  admin.update(admin.findByNumber('304')!.id, { disabled: true }, null);
  expect(countStaffOutbox(db)).toBe(1);
  applyPulledStaffChanges(db, clock, [
    await change('304', 2, { displayName: 'From elsewhere', overwrote: { changeNo: 1, by: 'fleet_k_me' } }),
  ]);
  expect(admin.findByNumber('304')).toMatchObject({ displayName: 'Nurse 304', disabled: true });
  expect(readStaffPullCursor(db)).toBe(2);
  expect(audits(db, 'staff-change-overwritten')).toEqual([]);

  applyPulledStaffChanges(db, clock, [
    await change('305', 3, { overwrote: { changeNo: 2, by: 'fleet_k_me' }, changedBy: 'fleet_k_other' }),
  ]);
  expect(audits(db, 'staff-change-overwritten')).toEqual([
    { staffNumber: '305', lost: { changeNo: 2, by: 'fleet_k_me' }, won: { changeNo: 3, by: 'fleet_k_other' } },
  ]);
});

dbTest('applies a batch whole or not at all', async ({ db }) => {
  joined(db);
  expect(() =>
    applyPulledStaffChanges(db, clock, [
      { ...fixed, staffNumber: '306', changeNo: 1 },
      { ...fixed, staffNumber: '307', changeNo: 2, displayName: '' },
    ]),
  ).toThrow(/CHECK/);
  expect(new StaffAdmin(db, clock).findByNumber('306')).toBeUndefined();
  expect(readStaffPullCursor(db)).toBe(0);
});

const fixed: PulledStaffChange = {
  staffNumber: '0',
  displayName: 'Nurse',
  role: 'nurse',
  disabled: false,
  badgeHash: null,
  pinHash: Buffer.alloc(32, 1),
  pinSalt: Buffer.alloc(16, 2),
  changeNo: 1,
  changedBy: 'fleet_k_other',
  overwrote: null,
};
