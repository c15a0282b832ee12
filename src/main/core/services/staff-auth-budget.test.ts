import { createHash } from 'node:crypto';
import { describe, expect, vi } from 'vitest';
import { ManualClock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { KioskError } from '../errors';
import { listAuditEntries } from '../repositories/audit-log-repository';
import { seedStaff } from '../testing/seed-staff';
import { dbTest } from '../testing/temp-database';
import { StaffAuth } from './staff-auth';

/**
 * The lockout rules over hours of guessing, on a clock the test moves. What is measured is the rules, not scrypt:
 * PINs are hashed with a quick SHA-256 here so thousands of tries run in seconds; everything else is the real code
 * on a real database file.
 */
vi.mock('./pin-hashing', () => {
  const hash = (pin: string) => createHash('sha256').update(pin).digest();
  return {
    hashPin: (pin: string) => Promise.resolve({ pinHash: hash(pin), pinSalt: Buffer.alloc(16) }),
    verifyPin: (pin: string, stored: { pinHash: Buffer }) => Promise.resolve(hash(pin).equals(stored.pinHash)),
    DECOY_CREDENTIALS: { pinHash: Buffer.alloc(32), pinSalt: Buffer.alloc(16) },
  };
});

type Kiosk = { db: KioskDatabase; clock: ManualClock; auth: StaffAuth };

const budgetTest = dbTest.extend<Omit<Kiosk, 'db'>>({
  // eslint-disable-next-line no-empty-pattern -- vitest requires the object pattern as the first parameter.
  clock: async ({}, use) => use(new ManualClock(Date.UTC(2026, 11, 5, 9))),
  auth: async ({ db, clock }, use) => use(new StaffAuth(db, clock, () => 120_000)),
});

describe("the attacker's budget (a test that jumps time)", () => {
  const HOUR = 3_600_000;

  /**
   * Guesses as fast as the kiosk lets them through for an hour (a try a second, or as soon as a wait ends), naming
   * `numbers` in turn;
   * answers how many PINs were checked and wrong: the audit's failed sign-ins, whatever the answers said.
   */
  async function guessForAnHour(
    { db, clock, auth }: Kiosk,
    numbers: string[],
    nurse?: { staffNumber: string; pin: string },
  ): Promise<number> {
    const failedSignIns = () =>
      listAuditEntries(db, 1_000_000).filter((entry) => entry.action === 'login-failed').length;
    const failedBefore = failedSignIns();
    const end = clock.now() + HOUR;
    let turn = 0;
    while (clock.now() < end) {
      if (nurse) await auth.signIn(nurse.staffNumber, nurse.pin).catch(() => undefined);
      const refusal: unknown = await auth.signIn(numbers[turn++ % numbers.length]!, '0000').catch((error) => error);
      // Told to wait N seconds, the attacker comes back exactly then; otherwise a second later.
      const wait = refusal instanceof KioskError ? /wait (\d+) second/.exec(refusal.message) : null;
      clock.advance(wait ? Number(wait[1]) * 1000 : 1000);
    }
    return failedSignIns() - failedBefore;
  }

  budgetTest(
    'one staff number: at most 35 PINs in the first hour and 20 an hour after that',
    async ({ db, clock, auth }) => {
      const kiosk = { db, clock, auth };
      await seedStaff(db, { staffNumber: '10', pin: '1010' });
      const first = await guessForAnHour(kiosk, ['10']);
      const second = await guessForAnHour(kiosk, ['10']);
      expect(first).toBeLessThanOrEqual(35);
      expect(second).toBeLessThanOrEqual(20);
    },
  );

  budgetTest(
    'the keypad, over 40 numbers: at most 127 PINs in the first hour and 120 an hour after, for a stranger and a nurse alike',
    async ({ db, clock, auth }) => {
      const kiosk = { db, clock, auth };
      const numbers = Array.from({ length: 40 }, (_, index) => String(200 + index));
      for (const staffNumber of numbers) await seedStaff(db, { staffNumber, pin: '9999' });
      await seedStaff(db, { staffNumber: '10', pin: '1010' });
      const stranger = await guessForAnHour(kiosk, numbers);
      const strangerLater = await guessForAnHour(kiosk, numbers);
      // A nurse signing in with her own PIN between every guess gains nothing.
      const nurse = await guessForAnHour(kiosk, numbers, { staffNumber: '10', pin: '1010' });
      expect(stranger).toBeLessThanOrEqual(127);
      expect(stranger).toBeGreaterThanOrEqual(110);
      expect(strangerLater).toBeLessThanOrEqual(120);
      expect(nurse).toBeLessThanOrEqual(120);
    },
    600_000,
  );
});
