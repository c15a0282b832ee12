/**
 * Reliability from the screen: a reload (or the shell's reload after a renderer crash) brings a parent back
 * to the hub and the guide page they were on, while their session is open; and a data file restored from a backup is
 * told to staff on the board and in the admin area, where an admin dismisses it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ManualClock } from '../src/main/core/clock';
import { databasePath } from '../src/main/core/data-folder';
import type { KioskDatabase } from '../src/main/core/db/open-database';
import { openKioskCore } from '../src/main/core/kiosk-core';
import { overwriteBytes } from '../src/main/core/testing/database-files';
import { insertRoom } from '../src/main/core/repositories/rooms-repository';
import { insertSession } from '../src/main/core/repositories/sessions-repository';
import { seedStaff } from '../src/main/core/testing/seed-staff';
import { expectNoSeriousA11yViolations } from './axe';
import { expect, seedWith, test } from './fixtures';
import { callKiosk } from './kiosk-page';
import { ADMIN, expectScreen, readDatabase, signIn, tile } from './staff-helpers';
import { pinTheme } from './theme';

const NOW = '2025-03-04T10:00:00.000Z';
const SESSION_ID = '3c9e7d21-5a4b-4c3d-8e2f-1a2b3c4d5e6f';

/** Two rooms, Room 2 with a session open since `startedAt`. */
async function seedOpenSession(db: KioskDatabase, startedAt: number): Promise<void> {
  await seedStaff(db, { ...ADMIN, role: 'admin' });
  const nurse = await seedStaff(db, { staffNumber: '42', pin: '2468' });
  insertRoom(db, { name: 'Room 1', sortOrder: 1 });
  const room = insertRoom(db, { name: 'Room 2', sortOrder: 2 });
  insertSession(db, {
    uuid: SESSION_ID,
    roomId: room,
    kind: 'breastfeeding',
    language: 'en',
    startedAt,
    startedBy: nurse,
  });
}

const hubQuestion = (page: Page) => page.getByRole('heading', { name: 'What would you like to do?' });

test.describe('after a reload', () => {
  test.use({ seed: seedWith((db) => seedOpenSession(db, Date.now() - 23 * 60_000)) });

  test('the hub and the guide page come back while the session is open; the board once it has ended', async ({
    page,
  }) => {
    await tile(page, 'Room 2').click();
    await page.getByRole('button', { name: /^Continue this session/ }).click();
    await expect(hubQuestion(page)).toBeVisible();
    await page.getByRole('button', { name: /^Feeding holds/ }).click();
    await page.getByRole('button', { name: /^Cradle hold/ }).click();
    for (let step = 0; step < 3; step++) await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(page.getByText('Step 3 of 5', { exact: true })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Room 2' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Cradle hold' })).toBeVisible();
    await expect(page.getByText('Step 3 of 5', { exact: true })).toBeVisible();
    // Back leads where it led before the reload: the list of holds, then the hub's menu.
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Feeding holds' })).toBeVisible();

    // A reload in the hub's menu comes back to the menu.
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await expect(hubQuestion(page)).toBeVisible();
    await page.reload();
    await expect(hubQuestion(page)).toBeVisible();

    // The session ends elsewhere (staff, auto-close) while the page is away: a reload shows the board.
    expect(await callKiosk(page, 'endSession', { sessionId: SESSION_ID, reason: 'completed' })).toMatchObject({
      ok: true,
    });
    await page.reload();
    await expect(tile(page, 'Room 2')).toContainText('Needs cleaning');
    expect(
      await page.evaluate(
        () => (globalThis as unknown as { sessionStorage: { length: number } }).sessionStorage.length,
      ),
    ).toBe(0);
  });

  test('staff screens are not restored: after a reload staff sign in again', async ({ page }) => {
    await page.getByRole('button', { name: 'Staff', exact: true }).click();
    await signIn(page, ADMIN.staffNumber, ADMIN.pin);
    await expectScreen(page, 'Admin area');
    expect(
      await page.evaluate(
        () => (globalThis as unknown as { sessionStorage: { length: number } }).sessionStorage.length,
      ),
    ).toBe(0);
    await page.reload();
    await expect(tile(page, 'Room 1')).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Admin area' })).toHaveCount(0);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The storage notice

test.describe('a save that fails', () => {
  // The test clock: the page's clock jumps over the half-minute storage checks.
  test.use({ seed: seedWith((db) => seedOpenSession(db, Date.parse(NOW) - 23 * 60_000)), fixedTime: NOW });

  test('shows "cannot save" on the board within half a minute, and clears itself once saving works', async ({
    page,
    kiosk,
  }) => {
    test.skip(!kiosk.bridge, 'makes the database refuse writes through the bridge’s own connection');
    const db = kiosk.bridge!.core.db;
    const notice = page.locator('.storage-alert');
    const recordHelp = () =>
      callKiosk(page, 'recordSessionEvent', { sessionId: SESSION_ID, type: 'help-requested', detail: { from: 'hub' } });
    await expect(tile(page, 'Room 1')).toBeVisible();
    await expect(notice).toHaveCount(0);

    db.pragma('query_only = ON'); // what a data folder turned read-only looks like to SQLite
    expect(await recordHelp()).toMatchObject({ ok: false, error: { code: 'storage-unavailable' } });
    await page.clock.runFor(30_000);
    await expect(notice).toHaveClass(/severe/);
    await expect(notice).toContainText('The kiosk cannot save. New sessions will not be recorded. Please call IT.');
    await expect(notice).toContainText('This notice goes away by itself once the kiosk can save again.');
    await expectNoSeriousA11yViolations(page, 'board with cannot-save notice, en day');
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Español' }).click();
    await page.getByRole('button', { name: 'Modo nocturno' }).click();
    await expect(notice).toContainText('El quiosco no puede guardar datos.');
    await expectNoSeriousA11yViolations(page, 'board with cannot-save notice, es night');

    db.pragma('query_only = OFF');
    expect(await recordHelp()).toMatchObject({ ok: true });
    await page.clock.runFor(30_000);
    await expect(notice).toHaveCount(0);
  });
});

const BACKUP_AT = '2025-03-03T22:40:00.000Z';

/**
 * A data folder as a failing disk leaves it: a kiosk with an admin and two rooms, backed up when it closed at
 * BACKUP_AT, then its kiosk.db overwritten at the start (see reliability/test-helpers.ts). Opening it restores the backup.
 */
const damagedTest = test.extend({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the object pattern as the first parameter.
  dataFolder: async ({}, use) => {
    const folder = mkdtempSync(join(tmpdir(), 'kiosk-e2e-damaged-'));
    const core = openKioskCore({ dataFolder: folder, clock: new ManualClock(Date.parse(BACKUP_AT)) });
    await seedStaff(core.db, { ...ADMIN, role: 'admin' });
    insertRoom(core.db, { name: 'Room 1', sortOrder: 1 });
    insertRoom(core.db, { name: 'Room 2', sortOrder: 2 });
    core.close(); // takes the backup
    overwriteBytes(databasePath(folder), 0, 100, 0x41);
    await use(folder);
    rmSync(folder, { recursive: true, force: true });
  },
});

const RECOVERED_EN =
  'The kiosk’s data file was damaged and has been restored from the backup of March 3, 2025 at 22:40. Sessions after that time may be missing. The damaged file was kept for IT.';
const RECOVERED_ES =
  /El archivo de datos del quiosco estaba dañado y se ha restaurado con la copia de seguridad del 3 de marzo de 2025 (a las )?22:40\. Puede que falten/;

// On the system clock: the backup's own time, in the past, is what the notice tells.
damagedTest.describe('a data file restored from a backup', () => {
  damagedTest('is told to staff on the board, and an admin dismisses it (audited)', async ({ page, kiosk }) => {
    const notice = page.locator('.storage-alert');
    await expect(tile(page, 'Room 1')).toBeVisible();
    await expect(notice).toContainText('Notice for staff');
    await expect(notice).toContainText(RECOVERED_EN);
    await expect(notice).toContainText('An administrator can dismiss this notice in the admin area.');
    // A calm note, not the cannot-save frame.
    await expect(notice).not.toHaveClass(/severe/);

    await page.getByRole('button', { name: 'Staff', exact: true }).click();
    await signIn(page, ADMIN.staffNumber, ADMIN.pin);
    await expectScreen(page, 'Admin area');
    await expect(notice).toContainText(RECOVERED_EN);
    await expectNoSeriousA11yViolations(page, 'admin area with storage notice');
    await page.getByRole('button', { name: 'Dismiss this notice' }).click();
    await expect(notice).toHaveCount(0);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(tile(page, 'Room 1')).toBeVisible();
    await expect(notice).toHaveCount(0);
    await page.reload();
    await expect(tile(page, 'Room 1')).toBeVisible();
    await expect(notice).toHaveCount(0);

    const audit = readDatabase(kiosk, (db) =>
      db.prepare("SELECT action, staff_id AS staffId, detail FROM audit_log WHERE action LIKE 'storage%'").all(),
    ) as { action: string; staffId: number | null; detail: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'storage-alert-dismissed', staffId: expect.any(Number) as unknown });
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({
      kind: 'recovered-from-backup',
      backupTakenAt: Date.parse(BACKUP_AT),
    });
  });

  for (const language of ['en', 'es'] as const) {
    for (const theme of ['day', 'night'] as const) {
      damagedTest(`the board with the notice is accessible in ${language}, ${theme}`, async ({ page }) => {
        await expect(tile(page, 'Room 1')).toBeVisible();
        if (language === 'es') {
          await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Español' }).click();
        }
        await expect(page.locator('html')).toHaveAttribute('lang', language);
        await pinTheme(page, theme, language === 'es' ? 'Modo nocturno' : 'Night mode');
        await expect(page.locator('.storage-alert')).toContainText(language === 'es' ? RECOVERED_ES : RECOVERED_EN);
        await expectNoSeriousA11yViolations(page, `board with storage notice, ${language} ${theme}`);
      });
    }
  }
});
