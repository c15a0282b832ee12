import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { openDatabase, type KioskDatabase } from '../db/open-database';
import { KioskError } from '../errors';
import { listAuditEntries } from '../repositories/audit-log-repository';
import { getStaff } from '../repositories/staff-repository';
import { seedStaff } from '../testing/seed-staff';
import { makeTempFolder } from '../testing/temp-folder';
import { keypadLockoutDuration, lockoutDuration, MAX_FAILED_ATTEMPTS, StaffAuth } from './staff-auth';

let folder: ReturnType<typeof makeTempFolder>;
let db: KioskDatabase;
let clock: ManualClock;
let auth: StaffAuth;
const IDLE_MS = 120_000;

beforeEach(() => {
  folder = makeTempFolder();
  db = openDatabase(`${folder.path}/kiosk.db`);
  clock = new ManualClock(Date.UTC(2026, 10, 29, 12));
  auth = new StaffAuth(db, clock, () => IDLE_MS);
});
afterEach(() => {
  db.close();
  folder.cleanup();
});

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toSatisfy((error) => error instanceof KioskError && error.code === code);
}

describe('staff sign-in', () => {
  it('signs in with the right staff number and PIN and hands out an opaque token', async () => {
    await seedStaff(db, { staffNumber: '204', pin: '4821', role: 'admin' });
    const signIn = await auth.signIn('204', '4821');
    expect(signIn).toMatchObject({ staffNumber: '204', role: 'admin', expiresAt: clock.now() + IDLE_MS });
    expect(signIn.staffToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(auth.require(signIn.staffToken)).toMatchObject({ staffNumber: '204', role: 'admin' });
  });

  it('stores only a salted hash, never the PIN', async () => {
    const id = await seedStaff(db, { staffNumber: '1', pin: '123456' });
    const other = await seedStaff(db, { staffNumber: '2', pin: '123456' });
    const [a, b] = [getStaff(db, id)!, getStaff(db, other)!];
    expect(a.pinHash.equals(b.pinHash)).toBe(false);
    expect(a.pinHash.toString('latin1')).not.toContain('123456');
  });

  it('refuses a wrong PIN, an unknown number and a disabled member alike, auditing each without the PIN', async () => {
    const id = await seedStaff(db, { staffNumber: '7', pin: '1111' });
    await seedStaff(db, { staffNumber: '8', pin: '2222' });
    db.prepare("UPDATE staff SET disabled = 1 WHERE staff_number = '8'").run();
    await expectCode(auth.signIn('7', '9999'), 'unauthorized');
    await expectCode(auth.signIn('99', '1111'), 'unauthorized');
    await expectCode(auth.signIn('8', '2222'), 'unauthorized');
    const audit = listAuditEntries(db);
    expect(audit.map((entry) => entry.action)).toEqual(['login-failed', 'login-failed', 'login-failed']);
    expect(JSON.stringify(audit)).not.toMatch(/9999|1111|2222/);
    expect(getStaff(db, id)?.failedAttempts).toBe(1);
  });

  it(`locks after ${MAX_FAILED_ATTEMPTS} wrong PINs, even for the right PIN, and the lock grows each time`, async () => {
    const id = await seedStaff(db, { staffNumber: '5', pin: '5555' });
    for (let round = 1; round <= 3; round++) {
      for (let attempt = 0; attempt < MAX_FAILED_ATTEMPTS; attempt++)
        await expectCode(auth.signIn('5', '0000'), 'unauthorized');
      const staff = getStaff(db, id)!;
      expect(staff.lockoutCount).toBe(round);
      expect(staff.lockedUntil).toBe(clock.now() + lockoutDuration(round));
      await expectCode(auth.signIn('5', '5555'), 'locked-out');
      clock.advance(lockoutDuration(round) - 1);
      await expectCode(auth.signIn('5', '5555'), 'locked-out');
      clock.advance(1);
    }
    expect(lockoutDuration(1)).toBe(60_000);
    expect(lockoutDuration(2)).toBe(120_000);
    expect(lockoutDuration(3)).toBe(240_000);
    expect(lockoutDuration(30)).toBe(3_600_000);
    const lockouts = listAuditEntries(db, 1000).filter((entry) => entry.action === 'lockout');
    expect(lockouts.filter((entry) => entry.detail?.scope === 'staff')).toHaveLength(3);
    expect(lockouts.filter((entry) => entry.detail?.scope === 'keypad')).toHaveLength(3);
    await auth.signIn('5', '5555');
    expect(getStaff(db, id)).toMatchObject({ failedAttempts: 0, lockoutCount: 0, lockedUntil: null });
  });

  it('lets a token lapse after the inactivity limit and refreshes it on use', async () => {
    await seedStaff(db, { staffNumber: '3', pin: '3333' });
    const { staffToken } = await auth.signIn('3', '3333');
    clock.advance(IDLE_MS - 1);
    auth.require(staffToken);
    clock.advance(IDLE_MS - 1);
    auth.require(staffToken);
    clock.advance(IDLE_MS);
    expect(() => auth.require(staffToken)).toThrow(KioskError);
  });

  it('checks the role and forgets signed-out tokens', async () => {
    await seedStaff(db, { staffNumber: '3', pin: '3333', role: 'nurse' });
    const { staffToken } = await auth.signIn('3', '3333');
    expect(() => auth.require(staffToken, 'admin')).toThrow(/Only an admin/);
    auth.signOut(staffToken);
    expect(() => auth.require(staffToken)).toThrow(/sign in again/);
  });
});

describe('keypad lock', () => {
  it('locks the whole keypad after five wrong tries with any numbers, and a restart does not lift it', async () => {
    await seedStaff(db, { staffNumber: '10', pin: '1010' });
    for (const guess of ['1', '2', '3', '4', '5']) await expectCode(auth.signIn(guess, '0000'), 'unauthorized');
    await expectCode(auth.signIn('10', '1010'), 'locked-out');
    const afterRestart = new StaffAuth(db, clock, () => IDLE_MS);
    await expectCode(afterRestart.signIn('10', '1010'), 'locked-out');
    clock.advance(keypadLockoutDuration(1));
    await afterRestart.signIn('10', '1010');
  });

  it('grows with repeated lockouts up to 15 minutes, and a good sign-in resets it', async () => {
    await seedStaff(db, { staffNumber: '10', pin: '1010' });
    for (let round = 1; round <= 6; round++) {
      for (let attempt = 0; attempt < MAX_FAILED_ATTEMPTS; attempt++)
        await expectCode(auth.signIn('77', '0000'), 'unauthorized');
      await expectCode(auth.signIn('10', '1010'), 'locked-out');
      clock.advance(keypadLockoutDuration(round));
    }
    expect(keypadLockoutDuration(5)).toBe(15 * 60_000);
    expect(keypadLockoutDuration(6)).toBe(15 * 60_000);
    await auth.signIn('10', '1010');
    for (let attempt = 0; attempt < MAX_FAILED_ATTEMPTS - 1; attempt++)
      await expectCode(auth.signIn('77', '0000'), 'unauthorized');
    await auth.signIn('10', '1010');
  });

  it('counts wrong tries in a row only: a good sign-in in between starts the count again', async () => {
    await seedStaff(db, { staffNumber: '10', pin: '1010' });
    for (let attempt = 0; attempt < MAX_FAILED_ATTEMPTS - 1; attempt++)
      await expectCode(auth.signIn('77', '0000'), 'unauthorized');
    await auth.signIn('10', '1010');
    for (let attempt = 0; attempt < MAX_FAILED_ATTEMPTS - 1; attempt++)
      await expectCode(auth.signIn('77', '0000'), 'unauthorized');
    await auth.signIn('10', '1010');
  });
});
