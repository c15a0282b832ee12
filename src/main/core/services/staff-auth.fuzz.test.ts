/**
 * Sign-in security, from the outside (dispatch, as IPC and the bridge call it): a PIN never appears in an answer,
 * in the log or in the audit log, even when something fails on the way; unknown staff numbers cost as much time as
 * known ones.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { listAuditEntries } from '../repositories/audit-log-repository';
import { seedStaff } from '../testing/seed-staff';
import { makeTempFolder } from '../testing/temp-folder';

const NURSE = { staffNumber: '31', pin: '8642' };

let folder: ReturnType<typeof makeTempFolder>;
let clock: ManualClock;
let core: KioskCore;
let logged: string[];

/** Everything a logger could print about an error: message, stack, cause and own properties. */
function everything(error: unknown): string {
  if (!(error instanceof Error)) return JSON.stringify(error) ?? String(error);
  return [error.message, error.stack, JSON.stringify(error), everything(error.cause ?? null)].join('\n');
}

beforeEach(async () => {
  folder = makeTempFolder('kiosk-signin-');
  clock = new ManualClock(Date.UTC(2026, 3, 1, 3));
  logged = [];
  core = openKioskCore({
    dataFolder: folder.path,
    clock,
    backups: false,
    logger: { error: (message, error) => logged.push(`${message}\n${everything(error)}`) },
  });
  await seedStaff(core.db, { ...NURSE, role: 'nurse' });
});
afterEach(() => {
  if (core.db.open) core.close();
  folder.cleanup();
});

const pinLike = fc.stringMatching(/^\d{4,8}$/);

describe('a PIN never leaves sign-in', () => {
  it('is in no answer and no audit entry, for any staff number and PIN typed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^\d{1,8}$/), pinLike, async (staffNumber, pin) => {
        fc.pre(!staffNumber.includes(pin) && pin !== NURSE.pin);
        // A wrong try costs 50 ms of scrypt; moving the clock past any lockout keeps each try a real check.
        clock.advance(60 * 60_000);
        const result = await core.dispatch('signIn', { staffNumber, pin });
        expect(result).toMatchObject({
          ok: false,
          error: { code: expect.stringMatching(/^(unauthorized|locked-out)$/) },
        });
        expect(JSON.stringify(result)).not.toContain(pin);
        expect(JSON.stringify(listAuditEntries(core.db, 5))).not.toContain(pin);
      }),
      { numRuns: 40 },
    );
    expect(logged).toEqual([]);
  });

  it('is in no answer for badly formed input around a PIN', async () => {
    await fc.assert(
      fc.asyncProperty(pinLike, fc.anything({ maxDepth: 2 }), async (pin, junk) => {
        for (const input of [
          { staffNumber: junk, pin },
          { staffNumber: NURSE.staffNumber, pin, extra: junk },
          { staffNumber: NURSE.staffNumber, pin: `${pin}x` },
          { staffNumber: NURSE.staffNumber, pin: Number(pin) },
          [NURSE.staffNumber, pin],
        ]) {
          const result = await core.dispatch('signIn', input);
          expect(result.ok).toBe(false);
          expect(JSON.stringify(result)).not.toContain(pin);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is not logged when sign-in fails unexpectedly (the database is gone)', async () => {
    core.close();
    const result = await core.dispatch('signIn', NURSE);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain(NURSE.pin);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('signIn: unexpected failure');
    expect(logged[0]).not.toContain(NURSE.pin);
  });

  it('is not logged when the failed try cannot be saved (read-only storage)', async () => {
    core.db.pragma('query_only = ON');
    const wrongPin = '97531';
    const result = await core.dispatch('signIn', { staffNumber: NURSE.staffNumber, pin: wrongPin });
    expect(result).toMatchObject({ ok: false, error: { code: 'storage-unavailable' } });
    expect(JSON.stringify(result)).not.toContain(wrongPin);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('signIn: storage failure');
    expect(logged[0]).not.toContain(wrongPin);
    core.db.pragma('query_only = OFF');
  });
});

describe('timing', () => {
  it('spends as long on an unknown staff number as on a known one (the decoy hash)', async () => {
    const time = async (staffNumber: string, pin: string) => {
      const started = performance.now();
      await core.dispatch('signIn', { staffNumber, pin });
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let round = 0; round < 5; round++) {
      // A good sign-in in between keeps the keypad from locking, so every try runs the full check.
      unknown.push(await time('99999', '1111'));
      known.push(await time(NURSE.staffNumber, NURSE.pin));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[2]!;
    // Without the decoy an unknown number would answer in well under a millisecond, against ~50 ms of scrypt.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.3);
  });
});
