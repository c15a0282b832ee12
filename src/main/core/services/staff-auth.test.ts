import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { openDatabase, type KioskDatabase } from '../db/open-database';
import { KioskError } from '../errors';
import { listAuditEntries } from '../repositories/audit-log-repository';
import { getStaff } from '../repositories/staff-repository';
import { seedStaff } from '../testing/seed-staff';
import { makeTempFolder } from '../testing/temp-folder';
import { FREE_WRONG_TRIES, KEYPAD_WINDOW_MS, keypadWaitAfter, LONGEST_WAIT_MS } from './keypad-pace';
import { lockoutDuration, MAX_FAILED_ATTEMPTS, StaffAuth } from './staff-auth';

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

async function expectRefusal(promise: Promise<unknown>, code: string, message: string | RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (refusal: unknown) => refusal,
  );
  expect(error).toBeInstanceOf(KioskError);
  expect((error as KioskError).code).toBe(code);
  if (typeof message === 'string') expect((error as KioskError).message).toContain(message);
  else expect((error as KioskError).message).toMatch(message);
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
    for (let round = 1; round <= 6; round++) {
      for (let attempt = 1; attempt <= MAX_FAILED_ATTEMPTS; attempt++) {
        clock.advance(LONGEST_WAIT_MS); // past any wait the keypad asked for
        // The try that locks says so, with the lock's length, instead of "do not match".
        const minutes = lockoutDuration(round) / 60_000;
        if (attempt < MAX_FAILED_ATTEMPTS) await expectCode(auth.signIn('5', '0000'), 'unauthorized');
        else await expectRefusal(auth.signIn('5', '0000'), 'locked-out', `locked for ${minutes} minute`);
      }
      const staff = getStaff(db, id)!;
      expect(staff.lockoutCount).toBe(round);
      expect(staff.lockedUntil).toBe(clock.now() + lockoutDuration(round));
      clock.advance(LONGEST_WAIT_MS);
      await expectCode(auth.signIn('5', '5555'), 'locked-out');
      clock.advance(lockoutDuration(round) - LONGEST_WAIT_MS - 1);
      await expectCode(auth.signIn('5', '5555'), 'locked-out');
      clock.advance(1);
    }
    expect([1, 2, 3, 4, 5, 6, 30].map(lockoutDuration)).toEqual(
      [1, 2, 4, 8, 15, 15, 15].map((minutes) => minutes * 60_000),
    );
    const lockouts = listAuditEntries(db, 1000).filter((entry) => entry.action === 'lockout');
    expect(lockouts.map((entry) => entry.detail?.scope)).toEqual(Array(6).fill('staff'));
    clock.advance(KEYPAD_WINDOW_MS);
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

describe('keypad pace', () => {
  it('waits 2, 4, 8, 16 then 30 seconds after the free wrong tries, with any numbers, and a restart keeps it', async () => {
    await seedStaff(db, { staffNumber: '10', pin: '1010' });
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(keypadWaitAfter)).toEqual(
      [0, 0, 0, 2, 4, 8, 16, 30, 30].map((seconds) => seconds * 1000),
    );
    for (let attempt = 1; attempt <= FREE_WRONG_TRIES; attempt++)
      await expectRefusal(auth.signIn(String(attempt), '0000'), 'unauthorized', /do not match\.$/);
    await expectRefusal(auth.signIn('4', '0000'), 'unauthorized', 'Please wait 2 seconds');
    // The right PIN is not even checked during the wait: it is not a lockout of her, only a pause.
    await expectRefusal(auth.signIn('10', '1010'), 'locked-out', 'Please wait 2 seconds');
    const afterRestart = new StaffAuth(db, clock, () => IDLE_MS);
    clock.advance(1999);
    await expectRefusal(afterRestart.signIn('10', '1010'), 'locked-out', 'Please wait 1 second');
    clock.advance(1);
    await afterRestart.signIn('10', '1010');
  });

  it('is never cleared by a good sign-in: a nurse with her own PIN cannot reset it and go on guessing', async () => {
    await seedStaff(db, { staffNumber: '10', pin: '1010' });
    for (let guess = 0; guess < 8; guess++) {
      clock.advance(keypadWaitAfter(guess));
      await expectCode(auth.signIn('77', String(1000 + guess)), 'unauthorized');
      clock.advance(keypadWaitAfter(guess + 1));
      await auth.signIn('10', '1010');
    }
    // Eight wrong tries stand in the window: the next one waits the full 30 seconds however many good sign-ins.
    await expectRefusal(auth.signIn('77', '2000'), 'unauthorized', 'Please wait 30 seconds');
  });

  it('forgets wrong tries once they leave the 15-minute window', async () => {
    await seedStaff(db, { staffNumber: '10', pin: '1010' });
    for (let guess = 0; guess < 6; guess++) {
      clock.advance(keypadWaitAfter(guess));
      await expectCode(auth.signIn('77', '0000'), 'unauthorized');
    }
    clock.advance(KEYPAD_WINDOW_MS);
    for (let attempt = 1; attempt < FREE_WRONG_TRIES; attempt++)
      await expectRefusal(auth.signIn('77', '0000'), 'unauthorized', /do not match\.$/);
    await auth.signIn('10', '1010');
  });
});
