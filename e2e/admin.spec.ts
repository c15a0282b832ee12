import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { writeSyntheticHistory } from '../src/cli/seed-history';
import { systemClock } from '../src/main/core/clock';
import { offerCentreSettings } from '../src/main/core/services/centre-settings';
import { expectNoSeriousA11yViolations } from './axe';
import { expect, seedWith, test } from './fixtures';
import {
  ADMIN,
  expectScreen,
  KEYPAD_ES,
  NURSE,
  pressKeys,
  readDatabase,
  seedKiosk,
  signIn,
  tile,
} from './staff-helpers';
import { pinTheme } from './theme';

const NOW = '2025-03-04T10:00:00.000Z';
const MINUTE = 60_000;

/** Two rooms, Room 2 with a session open for 20 minutes by `now`. */
const seedTwoRooms = (now: () => number) =>
  seedWith((db) =>
    seedKiosk(db, ['Room 1', 'Room 2'], { occupied: { room: 'Room 2', startedAt: now() - 20 * MINUTE } }),
  );

// The system clock, unless a describe below says why it needs the test clock.
test.use({ seed: seedTwoRooms(Date.now) });

async function openAdmin(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Staff', exact: true }).click();
  await signIn(page, ADMIN.staffNumber, ADMIN.pin);
  await expectScreen(page, 'Admin area');
}

const row = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });

test('an admin adds a nurse, who can then sign in', async ({ page }) => {
  await openAdmin(page);
  await expect(page.getByRole('tab', { name: 'Staff' })).toHaveAttribute('aria-selected', 'true');
  await expect(row(page, ADMIN.displayName)).toContainText('100');
  await expect(row(page, ADMIN.displayName)).toContainText('Administrator');
  await expect(row(page, NURSE.displayName)).toContainText('Nurse');

  // Mistakes are explained next to their fields, and nothing is added.
  await page.getByLabel('Name', { exact: true }).fill('Sam Carer');
  await page.getByLabel('PIN (4 to 8 digits)').fill('55');
  await page.getByRole('button', { name: 'Add this staff member' }).click();
  await expect(page.getByText('A PIN has 4 to 8 digits, and nothing else.')).toBeVisible();
  await expect(page.getByLabel('PIN (4 to 8 digits)')).toBeFocused();
  await page.getByLabel('PIN (4 to 8 digits)').fill('5555');
  await page.getByLabel('The same PIN again').fill('5556');
  await page.getByRole('button', { name: 'Add this staff member' }).click();
  await expect(page.getByText('The two PINs are different. Please type them again.')).toBeVisible();
  await page.getByLabel('Staff number (optional)').fill('42');
  await page.getByLabel('The same PIN again').fill('5555');
  await page.getByRole('button', { name: 'Add this staff member' }).click();
  await expect(page.getByText('That staff number is already in use.')).toBeVisible();
  await expect(page.getByRole('row')).toHaveCount(3);

  await page.getByLabel('Staff number (optional)').fill('');
  await page.getByRole('button', { name: 'Add this staff member' }).click();
  await expect(page.getByRole('status')).toHaveText('Sam Carer was added with staff number 101.');
  await expect(row(page, 'Sam Carer')).toContainText('Active');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Staff', exact: true }).click();
  await signIn(page, '101', '5555');
  await expectScreen(page, 'Staff menu');
  await expect(page.getByText('Signed in: staff number 101')).toBeVisible();
});

test('the last active admin cannot be disabled or made a nurse, and says why kindly', async ({ page, kiosk }) => {
  await openAdmin(page);
  const lastAdmin =
    'This is the last active administrator, so the kiosk needs them as they are. Add another administrator first, then try again.';
  await row(page, ADMIN.displayName)
    .getByRole('button', { name: `Disable: ${ADMIN.displayName}` })
    .click();
  await expect(page.getByRole('alert')).toHaveText(lastAdmin);
  await row(page, ADMIN.displayName)
    .getByRole('button', { name: `Make nurse: ${ADMIN.displayName}` })
    .click();
  await expect(page.getByRole('alert')).toHaveText(lastAdmin);
  await expect(row(page, ADMIN.displayName)).toContainText('Administrator');

  // With a second admin, the first may step down.
  await row(page, NURSE.displayName)
    .getByRole('button', { name: `Make administrator: ${NURSE.displayName}` })
    .click();
  await expect(page.getByRole('status')).toHaveText(`${NURSE.displayName}’s role was changed.`);
  await row(page, NURSE.displayName)
    .getByRole('button', { name: `Disable: ${NURSE.displayName}` })
    .click();
  await expect(row(page, NURSE.displayName)).toContainText('Disabled');
  const roles = readDatabase(kiosk, (db) => db.prepare('SELECT role, disabled FROM staff ORDER BY id').all());
  expect(roles).toEqual([
    { role: 'admin', disabled: 0 },
    { role: 'admin', disabled: 1 },
  ]);
});

test('a new PIN for a staff member works at the keypad', async ({ page }) => {
  await openAdmin(page);
  await row(page, NURSE.displayName)
    .getByRole('button', { name: `New PIN: ${NURSE.displayName}` })
    .click();
  await expect(page.getByRole('heading', { name: `A new PIN for ${NURSE.displayName}` })).toBeVisible();
  await page.getByLabel('PIN (4 to 8 digits)').first().fill('13579');
  await page.getByLabel('The same PIN again').first().fill('13579');
  await page.getByRole('button', { name: 'Save the new PIN' }).click();
  await expect(page.getByRole('status')).toHaveText(`${NURSE.displayName} has a new PIN. Any lockout is lifted.`);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Staff', exact: true }).click();
  await signIn(page, NURSE.staffNumber, '13579');
  await expectScreen(page, 'Staff menu');
});

test('rooms: add, rename, reorder, and no taking a room with an open session out of use', async ({ page }) => {
  await openAdmin(page);
  await page.getByRole('tab', { name: 'Rooms' }).click();
  const rooms = page.getByRole('list', { name: 'Rooms, in board order' }).getByRole('listitem');
  await expect(rooms).toHaveCount(2);

  await page.getByLabel('Room name').fill('Lily room');
  await page.getByRole('button', { name: 'Add room' }).click();
  await expect(page.getByRole('status')).toHaveText('Lily room was added.');
  await expect(rooms).toHaveCount(3);

  await page.getByRole('button', { name: 'Rename: Room 1' }).click();
  await page.getByLabel('New name for Room 1').fill('Rose room');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('The room is now called Rose room.');

  await page.getByRole('button', { name: 'Move Lily room up' }).click();
  await expect(rooms.nth(1)).toContainText('Lily room');
  await expect(page.getByRole('button', { name: 'Move Rose room up' })).toBeDisabled();

  await page.getByRole('button', { name: 'Take out of use: Room 2' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Room 2 has a session open. End that session first, then try again.',
  );
  await page.getByRole('button', { name: 'Take out of use: Lily room' }).click();
  await expect(rooms.filter({ hasText: 'Lily room' })).toContainText('Not in use');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(tile(page, 'Rose room')).toBeVisible();
  await expect(page.getByRole('main').getByRole('listitem')).toHaveCount(2);
});

test.describe('settings, with the sign-out jumped to', () => {
  // The test clock: a minute without a touch is jumped over, not waited out.
  test.use({ seed: seedTwoRooms(() => Date.parse(NOW)), fixedTime: NOW });

  test('settings: problems next to their field, then saved and used', async ({ page }) => {
    await openAdmin(page);
    await page.getByRole('tab', { name: 'Settings' }).click();
    const signOut = page.getByLabel('Sign staff out after this many seconds without a touch');
    await expect(signOut).toHaveValue('120');
    await signOut.fill('5');
    await page.getByLabel('Phone extension of the nursing station').fill('ext. 12');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(signOut).toHaveAttribute('aria-invalid', 'true');
    // The first field with a problem (in reading order) takes the focus.
    await expect(page.getByLabel('Phone extension of the nursing station')).toBeFocused();
    await expect(page.getByText('A whole number from 30 to 1800.').last()).toBeVisible();
    await expect(page.getByText('Use digits, spaces, #, *, + and - only, at most 16.')).toBeVisible();

    await signOut.fill('60');
    await page.getByLabel('Phone extension of the nursing station').fill('4410');
    await page.getByLabel('Name of this kiosk').fill('Maternity, 3rd floor');
    await page.getByLabel('Help text in Spanish').fill('Pulse el botón rojo.');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('status')).toHaveText('Settings saved.');
    await expect(page.getByRole('heading', { level: 1, name: 'Maternity, 3rd floor' })).toBeVisible();

    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('status')).toHaveText('Nothing was changed, so there was nothing to save.');

    // The new sign-out time is used at once: a minute without a touch ends the admin's visit.
    await page.getByRole('tab', { name: 'Content' }).click();
    await expect(page.getByText('All content packs are fine.')).toBeVisible();
    await page.clock.runFor(61_000);
    await expect(page.getByRole('status').filter({ hasText: 'Staff were signed out' })).toBeVisible();
  });
});

test.describe('settings, at a known hour', () => {
  // The test clock: the night hours are set around a known 10:00, to see the theme change at once.
  test.use({ seed: seedTwoRooms(() => Date.parse(NOW)), fixedTime: NOW });

  test('settings: the night hours, how parents reach a nurse and the badge PIN, typed on the kiosk’s own keys', async ({
    page,
    kiosk,
  }) => {
    await openAdmin(page);
    await page.getByRole('tab', { name: 'Settings' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'day');
    const keys = page.getByRole('group', { name: 'On-screen keyboard' });

    // The night covers the kiosk's 10:00: the digit keypad has no colon, so "0900" is typed.
    const start = page.getByLabel('Night starts at');
    await expect(start).toHaveValue('21:00');
    await start.click();
    await keys.getByRole('button', { name: 'Clear' }).click();
    await pressKeys(page, '0900');
    const end = page.getByLabel('Night ends at');
    await end.click();
    await keys.getByRole('button', { name: 'Clear' }).click();
    await pressKeys(page, '1100');
    await keys.getByRole('button', { name: 'Done' }).click();
    await expect(keys).toHaveCount(0);

    await page.getByLabel('A phone call to the nurses’ station (the extension above)').check();
    await page.getByLabel('A badge still asks for the PIN').uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Type the extension above, or choose the call button.')).toBeVisible();
    expect(
      readDatabase(kiosk, (db) =>
        db.prepare("SELECT count(*) FROM settings WHERE key = 'nightSchedule'").pluck().get(),
      ),
    ).toBe(0);

    await page.getByLabel('Phone extension of the nursing station').click();
    // An extension gets the digit keypad with the signs a phone number may hold, no letters.
    await expect(keys.getByRole('button', { name: 'q', exact: true })).toHaveCount(0);
    for (const key of '44-10') await keys.getByRole('button', { name: key, exact: true }).click();
    await keys.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('status')).toHaveText('Settings saved.');
    await expect(start).toHaveValue('09:00');
    // Saved and used at once: the kiosk is now in its night.
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'night');
    const stored = readDatabase(kiosk, (db) =>
      Object.fromEntries(
        (
          db
            .prepare(
              "SELECT key, value FROM settings WHERE key IN ('nightSchedule', 'nurseCall', 'phoneExtension', 'badgeNeedsPin')",
            )
            .all() as { key: string; value: string }[]
        ).map((row) => [row.key, JSON.parse(row.value) as unknown]),
      ),
    );
    expect(stored).toEqual({
      nightSchedule: { start: '09:00', end: '11:00' },
      nurseCall: 'extension',
      phoneExtension: '44-10',
      badgeNeedsPin: false,
    });
  });
});

test.describe('settings the hospital published for every kiosk', () => {
  // Accepted by the kiosk's own code, as its settings puller hands them over: the hospital's, then its unit's.
  test.use({
    seed: seedWith(async (db) => {
      await seedKiosk(db, ['Room 1', 'Room 2']);
      const doc = (version: number, unit: string | null, settings: string) => ({
        version,
        unit,
        settings,
        sha256: createHash('sha256').update(settings).digest('hex'),
        publishedBy: 'lactation_team',
        publishedAt: '2026-12-06T10:00:00.000Z',
      });
      const answer = offerCentreSettings(
        { db, clock: systemClock, logger: { error: () => undefined } },
        {
          hospital: doc(3, null, '{"autoCloseAfterMinutes": 150, "badgeNeedsPin": false}'),
          unit: doc(5, '4 West', '{"nightSchedule": {"start": "20:00", "end": "06:30"}}'),
        },
      );
      if (answer.status !== 'accepted') throw new Error(`seed: ${JSON.stringify(answer)}`);
    }),
  });

  test('are greyed out under a note saying who published them; the kiosk’s own stay editable', async ({ page }) => {
    await openAdmin(page);
    await page.getByRole('tab', { name: 'Settings' }).click();
    const note = page.getByRole('region', { name: 'Settings from the hospital' });
    await expect(note).toContainText('Whole hospital: version 3, published by lactation_team on');
    await expect(note).toContainText('Unit 4 West: version 5, published by lactation_team on');
    await expect(page.getByLabel('Close a forgotten session after (minutes)')).toBeDisabled();
    await expect(page.getByLabel('Close a forgotten session after (minutes)')).toHaveValue('150');
    await expect(page.getByLabel('Night starts at')).toBeDisabled();
    await expect(page.getByLabel('A badge still asks for the PIN')).toBeDisabled();
    await expectNoSeriousA11yViolations(page, 'settings from the hospital');

    await page.getByLabel('Name of this kiosk').fill('Room 4 kiosk');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('status')).toHaveText('Settings saved.');
    await expect(page.getByLabel('Close a forgotten session after (minutes)')).toBeDisabled();
  });
});

test('the admin area in Spanish', async ({ page }) => {
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Español' }).click();
  await page.getByRole('button', { name: 'Personal', exact: true }).click();
  await signIn(page, ADMIN.staffNumber, ADMIN.pin, KEYPAD_ES);
  await expectScreen(page, 'Administración');
  await expect(row(page, NURSE.displayName)).toContainText('Enfermería');
  await row(page, ADMIN.displayName)
    .getByRole('button', { name: `Desactivar: ${ADMIN.displayName}` })
    .click();
  await expect(page.getByRole('alert')).toContainText('Es el último administrador activo');
  await page.getByRole('tab', { name: 'Configuración' }).click();
  await page.getByLabel('Cerrar una sesión olvidada después de (minutos)').fill('10');
  await page.getByRole('button', { name: 'Guardar la configuración' }).click();
  await expect(page.getByText('Un número entero de 30 a 1440.').last()).toBeVisible();
  await page.getByRole('tab', { name: 'Informes' }).click();
  await expect(page.getByRole('heading', { name: 'Informes de uso' })).toBeVisible();
});

for (const language of ['en', 'es'] as const) {
  for (const theme of ['day', 'night'] as const) {
    test(`every admin tab is accessible in ${language}, ${theme}`, async ({ page }) => {
      test.setTimeout(60_000);
      const es = language === 'es';
      const shoot = async (name: string) => {
        const folder = process.env.SCREENSHOT_DIR;
        if (folder) await page.screenshot({ path: `${folder}/${name}-${language}-${theme}.png` });
        if (name === 'admin-staff' && language === 'en' && theme === 'day' && process.env.UPDATE_SCREENSHOTS === '1') {
          mkdirSync('docs/screenshots', { recursive: true });
          await page.screenshot({ path: 'docs/screenshots/admin-staff-en-day.png' });
        }
      };
      if (es) await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Español' }).click();
      await pinTheme(page, theme, es ? 'Modo nocturno' : 'Night mode');
      await page.getByRole('button', { name: es ? 'Personal' : 'Staff', exact: true }).click();
      await signIn(page, ADMIN.staffNumber, ADMIN.pin, es ? KEYPAD_ES : undefined);
      await expectScreen(page, es ? 'Administración' : 'Admin area');
      await expect(row(page, NURSE.displayName)).toBeVisible();
      await expectNoSeriousA11yViolations(page, `admin staff ${language} ${theme}`);
      await shoot('admin-staff');

      const tabs = es
        ? (['Salas', 'Configuración', 'Contenido', 'Informes'] as const)
        : (['Rooms', 'Settings', 'Content', 'Reports'] as const);
      for (const tab of tabs) {
        await page.getByRole('tab', { name: tab }).click();
        await expect(page.getByRole('tabpanel', { name: tab })).toBeVisible();
        await expect(page.getByText(es ? 'Un momento…' : 'One moment…')).toHaveCount(0);
        await expectNoSeriousA11yViolations(page, `admin ${tab} ${language} ${theme}`);
        await shoot(`admin-${tab.toLowerCase()}`);
      }
    });
  }
}

test.describe('a big export in the browser', () => {
  const SESSIONS = 40_000;
  test.use({
    seed: seedWith(async (db) => {
      await seedKiosk(db, ['Room 1', 'Room 2', 'Room 3']);
      const ids = (table: string) =>
        (db.prepare(`SELECT id FROM ${table} ORDER BY id`).all() as { id: number }[]).map((row) => row.id);
      writeSyntheticHistory(db, {
        sessions: SESSIONS,
        roomIds: ids('rooms'),
        staffIds: ids('staff'),
        from: '2024-03-01',
        to: '2025-02-28',
        timeZone: 'UTC',
        seed: 16,
        autoCloseMinutes: 180,
      });
    }),
  });

  test('shows rows done of rows to do, and Cancel stops the download: no file, and the panel says so', async ({
    page,
    kiosk,
  }) => {
    test.skip(kiosk.transport === 'electron', 'the save dialog is native in Electron; export-dialog.test.ts covers it');
    test.setTimeout(90_000);
    const downloads: string[] = [];
    page.on('download', (download) => downloads.push(download.suggestedFilename()));
    await openAdmin(page);
    await page.getByRole('tab', { name: 'Reports' }).click();
    await page.getByRole('button', { name: 'Other dates' }).click();
    await page.getByLabel('From', { exact: true }).fill('2024-03-01');
    await page.getByLabel('To', { exact: true }).fill('2025-02-28');
    await page.getByRole('button', { name: 'Show these dates' }).click();
    await page.getByLabel('Events: guides, slides, timers and help presses').check();
    // A slow link (256 KB/s), so the file takes minutes: the export is surely still running when Cancel is pressed.
    const devtools = await page.context().newCDPSession(page);
    await devtools.send('Network.enable');
    await devtools.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: 256 * 1024,
      uploadThroughput: -1,
    });
    await page.getByRole('button', { name: 'Export', exact: true }).click();

    const running = page.getByText(/^Exporting… [\d,]+ of [\d,]+ rows$/);
    await expect(running).toBeVisible({ timeout: 20_000 });
    const total = Number(/of ([\d,]+) rows/.exec((await running.textContent()) ?? '')![1]!.replaceAll(',', ''));
    expect(total).toBeGreaterThan(SESSIONS);
    await page.getByRole('button', { name: 'Cancel the export' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'cancelled' })).toHaveText(
      'The export was cancelled. No file was saved.',
    );
    await expect(page.getByRole('button', { name: 'Export', exact: true })).toBeEnabled();
    // A download handed over late would still show up here.
    await page.waitForTimeout(1_000);
    expect(downloads).toEqual([]);
    await expect(page.getByText(/^Done:/)).toHaveCount(0);
    const outcome = readDatabase(kiosk, (db) =>
      db.prepare("SELECT json_extract(detail, '$.outcome') FROM audit_log WHERE action = 'export'").pluck().all(),
    );
    expect(outcome).toEqual(['cancelled']);
  });
});
