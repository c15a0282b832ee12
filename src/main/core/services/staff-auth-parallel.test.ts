import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { getStaff } from '../repositories/staff-repository';
import { seedStaff } from '../testing/seed-staff';
import { makeTempFolder } from '../testing/temp-folder';
import type * as PinHashing from './pin-hashing';
import { MAX_FAILED_ATTEMPTS } from './staff-auth';

/** Counts every PIN that reaches scrypt: the attacker's real budget, whatever the answers say. */
const checked = vi.hoisted(() => ({ count: 0 }));
vi.mock('./pin-hashing', async (importOriginal) => {
  const actual = await importOriginal<typeof PinHashing>();
  return {
    ...actual,
    verifyPin: (...args: Parameters<typeof actual.verifyPin>) => {
      checked.count++;
      return actual.verifyPin(...args);
    },
  };
});

const NURSE = { staffNumber: '31', pin: '8642' };
let folder: ReturnType<typeof makeTempFolder>;
let core: KioskCore;
let staffId: number;

beforeEach(async () => {
  folder = makeTempFolder();
  core = openKioskCore({ dataFolder: folder.path, clock: new ManualClock(Date.UTC(2026, 11, 5, 9)), backups: false });
  staffId = await seedStaff(core.db, { ...NURSE, role: 'nurse' });
  checked.count = 0;
});
afterEach(() => {
  core.close();
  folder.cleanup();
});

/** `size` sign-ins sent at once through dispatch, as a script on the page (or the bridge) could. */
function burst(size: number, pinOf: (index: number) => string) {
  return Promise.all(
    Array.from({ length: size }, (_, index) =>
      core.dispatch('signIn', { staffNumber: NURSE.staffNumber, pin: pinOf(index) }),
    ),
  );
}

const wrongPin = (index: number) => String(1000 + index).padStart(4, '0');

describe('parallel sign-ins at one staff number', { timeout: 120_000 }, () => {
  for (const size of [20, 100, 300]) {
    it(`checks at most ${MAX_FAILED_ATTEMPTS} PINs from a burst of ${size} wrong ones, and counts every one it checked`, async () => {
      const answers = await burst(size, wrongPin);
      expect(answers.every((answer) => !answer.ok)).toBe(true);
      expect(checked.count).toBeGreaterThan(0);
      expect(checked.count).toBeLessThanOrEqual(MAX_FAILED_ATTEMPTS);
      const staff = getStaff(core.db, staffId)!;
      // Every PIN checked left its mark: either still counted, or counted into a lockout.
      expect(staff.failedAttempts + MAX_FAILED_ATTEMPTS * staff.lockoutCount).toBeGreaterThanOrEqual(checked.count);
    });
  }

  it('refuses the right PIN sent last in a parallel burst of wrong ones', async () => {
    const answers = await burst(20, (index) => (index === 19 ? NURSE.pin : wrongPin(index)));
    expect(answers[19]).toMatchObject({ ok: false });
    expect(answers.some((answer) => answer.ok)).toBe(false);
  });
});
