import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { listAuditEntries } from '../repositories/audit-log-repository';
import { getStaff } from '../repositories/staff-repository';
import { seedStaff } from '../testing/seed-staff';
import { makeTempFolder } from '../testing/temp-folder';
import { FREE_WRONG_TRIES, keypadWaitAfter } from './keypad-pace';
import { MAX_FAILED_ATTEMPTS } from './staff-auth';

const ADMIN = { staffNumber: '100', pin: '482915' };
const NURSE = { staffNumber: '31', pin: '8642' };
const BADGE = '0004521983';

let folder: ReturnType<typeof makeTempFolder>;
let clock: ManualClock;
let core: KioskCore;
let nurseId: number;
let adminToken: string;

/** One call through dispatch, loosely typed: these tests read fields of values and errors alike. */
interface Answer {
  ok: boolean;
  value: { staffToken: string } & Record<string, unknown>;
  error: { code: string; message: string };
}
async function call(method: string, input: unknown): Promise<Answer> {
  return (await core.dispatch(method, input)) as unknown as Answer;
}

beforeEach(async () => {
  folder = makeTempFolder();
  clock = new ManualClock(Date.UTC(2026, 11, 5, 9));
  core = openKioskCore({ dataFolder: folder.path, clock, backups: false });
  await seedStaff(core.db, { ...ADMIN, role: 'admin' });
  nurseId = await seedStaff(core.db, { ...NURSE, role: 'nurse' });
  adminToken = (await call('signIn', ADMIN)).value.staffToken;
});
afterEach(() => {
  core.close();
  folder.cleanup();
});

describe('badges', () => {
  it('an admin sets a badge; only its keyed hash is stored, and the badge with the PIN signs the nurse in', async () => {
    const set = await call('setStaffBadge', { staffToken: adminToken, staffId: nurseId, badge: BADGE });
    expect(set.value).toMatchObject({ staffNumber: NURSE.staffNumber, hasBadge: true });
    const stored = getStaff(core.db, nurseId)!.badgeHash!;
    expect(stored).toHaveLength(32);
    const everything = core.db.serialize().toString('latin1');
    expect(everything).not.toContain(BADGE);
    expect(JSON.stringify(listAuditEntries(core.db, 1000))).not.toContain(BADGE);

    // Readers differ in letter case and padding: the same badge, read differently, still matches.
    expect(await call('signInWithBadge', { badge: BADGE, pin: NURSE.pin })).toMatchObject({
      ok: true,
      value: { staffNumber: NURSE.staffNumber, role: 'nurse' },
    });
    await call('setStaffBadge', { staffToken: adminToken, staffId: nurseId, badge: 'ab12cd34' });
    expect(await call('signInWithBadge', { badge: ' AB12CD34 ', pin: NURSE.pin })).toMatchObject({ ok: true });
  });

  it('asks for the PIN after the badge unless an admin turns that off', async () => {
    await call('setStaffBadge', { staffToken: adminToken, staffId: nurseId, badge: BADGE });
    expect(await call('signInWithBadge', { badge: BADGE })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await call('getKioskStatus', {})).toMatchObject({ value: { badgeNeedsPin: true } });

    await call('updateSettings', { staffToken: adminToken, changes: { badgeNeedsPin: false } });
    expect(await call('getKioskStatus', {})).toMatchObject({ value: { badgeNeedsPin: false } });
    expect(await call('signInWithBadge', { badge: BADGE })).toMatchObject({ ok: true, value: { role: 'nurse' } });
    expect(await call('signInWithBadge', { badge: '999999' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
  });

  it('is refused to nurses, forged tokens and a badge already given to someone else; removing it works', async () => {
    const nurseToken = (await call('signIn', NURSE)).value.staffToken;
    expect(await call('setStaffBadge', { staffToken: nurseToken, staffId: nurseId, badge: BADGE })).toMatchObject({
      error: { code: 'forbidden' },
    });
    expect(await call('setStaffBadge', { staffToken: 'A'.repeat(43), staffId: nurseId, badge: BADGE })).toMatchObject({
      error: { code: 'unauthorized' },
    });
    await call('setStaffBadge', { staffToken: adminToken, staffId: nurseId, badge: BADGE });
    const adminId = getStaff(core.db, 1)!.id;
    expect(await call('setStaffBadge', { staffToken: adminToken, staffId: adminId, badge: BADGE })).toMatchObject({
      error: { code: 'conflict' },
    });
    expect(await call('setStaffBadge', { staffToken: adminToken, staffId: 999, badge: BADGE })).toMatchObject({
      error: { code: 'not-found' },
    });
    expect(await call('setStaffBadge', { staffToken: adminToken, staffId: nurseId, badge: null })).toMatchObject({
      value: { hasBadge: false },
    });
    expect(await call('signInWithBadge', { badge: BADGE, pin: NURSE.pin })).toMatchObject({
      error: { code: 'unauthorized' },
    });
  });

  it('counts unknown badges against the keypad, and wrong PINs after a badge against that staff member', async () => {
    await call('setStaffBadge', { staffToken: adminToken, staffId: nurseId, badge: BADGE });
    for (let attempt = 1; attempt <= FREE_WRONG_TRIES; attempt++)
      expect(await call('signInWithBadge', { badge: `77770${attempt}`, pin: '1111' })).toMatchObject({
        error: { code: 'unauthorized' },
      });
    expect(await call('signInWithBadge', { badge: '777799', pin: '1111' })).toMatchObject({
      error: { code: 'unauthorized', message: expect.stringContaining('Please wait 2 seconds') },
    });
    expect(await call('signInWithBadge', { badge: BADGE, pin: NURSE.pin })).toMatchObject({
      error: { code: 'locked-out' },
    });

    clock.advance(30 * 60_000); // past the keypad's window
    for (let attempt = 1; attempt <= MAX_FAILED_ATTEMPTS; attempt++) {
      clock.advance(keypadWaitAfter(attempt));
      const answer = await call('signInWithBadge', { badge: BADGE, pin: '0000' });
      expect(answer.error.code).toBe(attempt < MAX_FAILED_ATTEMPTS ? 'unauthorized' : 'locked-out');
    }
    expect(getStaff(core.db, nurseId)!.lockoutCount).toBe(1);
    clock.advance(30_000);
    // Locked by badge is locked by number too: it is the same person.
    expect(await call('signIn', NURSE)).toMatchObject({ error: { code: 'locked-out' } });
  });
});
