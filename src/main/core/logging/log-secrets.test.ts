/**
 * A whole staff day through the real dispatch, with the log at its most detailed level: nothing a nurse types to
 * prove who she is (PINs, badges) and nothing that stands for her sign-in (tokens) may reach any log file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import type { ApiResult } from '../../../shared/errors';
import { ManualClock } from '../clock';
import { openKioskCore } from '../kiosk-core';
import { folderTest as it } from '../testing/temp-database';
import { LOG_FOLDER } from './file-logger';

const ADMIN_PIN = '97531864';
const NURSE_PIN = '86420975';
const WRONG_PINS = ['11235813', '31415926', '27182818'];
const BADGE = 'HOSP7788123456';

describe('the kiosk log and secrets', () => {
  it('holds no PIN, badge or token after set-up, sign-ins (right, wrong, badge) and staff changes', async ({
    folder,
  }) => {
    const core = openKioskCore({
      dataFolder: folder.path,
      clock: new ManualClock(Date.UTC(2026, 5, 1, 3)),
      backups: false,
      logLevel: 'debug',
    });
    const secrets: string[] = [ADMIN_PIN, NURSE_PIN, ...WRONG_PINS, BADGE];
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const result = (await core.dispatch(method, input)) as ApiResult<T>;
      if (!result.ok) throw new Error(`${method}: ${result.error.code}`);
      return result.value;
    };
    try {
      const { staffNumber } = await call<{ staffNumber: string }>('completeSetup', {
        kioskName: 'Maternity 4 West',
        rooms: ['Room 1'],
        admin: { displayName: 'Ana Ruiz', pin: ADMIN_PIN },
      });
      for (const pin of WRONG_PINS.slice(0, 2)) {
        expect(await core.dispatch('signIn', { staffNumber, pin })).toMatchObject({ ok: false });
      }
      const admin = await call<{ staffToken: string }>('signIn', { staffNumber, pin: ADMIN_PIN });
      secrets.push(admin.staffToken);
      const nurse = await call<{ id: number; staffNumber: string }>('addStaff', {
        staffToken: admin.staffToken,
        displayName: 'Bea Soto',
        role: 'nurse',
        pin: NURSE_PIN,
      });
      await call('setStaffBadge', { staffToken: admin.staffToken, staffId: nurse.id, badge: BADGE });
      const byBadge = await call<{ staffToken: string }>('signInWithBadge', { badge: BADGE, pin: NURSE_PIN });
      secrets.push(byBadge.staffToken);
      expect(await core.dispatch('signInWithBadge', { badge: BADGE, pin: WRONG_PINS[2] })).toMatchObject({ ok: false });
      // Bad input that carries a PIN is refused, and the refusal is logged without it.
      expect(await core.dispatch('signIn', { staffNumber, pin: ADMIN_PIN, extra: ADMIN_PIN })).toMatchObject({
        ok: false,
      });
      await call('signOut', { staffToken: byBadge.staffToken });
    } finally {
      core.close();
    }

    const folderOfLogs = join(folder.path, LOG_FOLDER);
    const text = readdirSync(folderOfLogs)
      .map((name) => readFileSync(join(folderOfLogs, name), 'utf8'))
      .join('\n');
    // The log did record the day: otherwise this test could not fail.
    expect(text).toContain('INFO  completeSetup ok');
    expect(text).toMatch(/INFO {2}addStaff by staff \d+ ok/);
    expect(text).toContain('INFO  signIn refused: invalid-input');
    expect(text).toMatch(/INFO {2}signIn for staff \d+ refused: unauthorized/);
    expect(text).toMatch(/INFO {2}signInWithBadge for staff \d+ ok/);
    for (const secret of secrets) expect(text, `the log holds ${secret}`).not.toContain(secret);
  });
});
