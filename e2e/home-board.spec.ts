import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { KioskDatabase } from '../src/main/core/db/open-database';
import { insertRoom, setRoomNeedsCleaning } from '../src/main/core/repositories/rooms-repository';
import { insertSession } from '../src/main/core/repositories/sessions-repository';
import { insertStaff } from '../src/main/core/repositories/staff-repository';
import { hashPin } from '../src/main/core/services/pin-hashing';
import { expectNoSeriousA11yViolations } from './axe';
import { expect, seedWith, test } from './fixtures';
import { pinTheme } from './theme';

const NOW = '2025-03-04T10:00:00.000Z';
const MINUTE = 60_000;

/** Three rooms, one in each state (the occupied one since `sessionStarted`), and an admin so the kiosk is set up. */
async function seedThreeRooms(db: KioskDatabase, sessionStarted: number): Promise<void> {
  const createdAt = Date.parse('2025-01-01T00:00:00.000Z');
  insertStaff(db, { staffNumber: '1', displayName: 'Admin', role: 'admin', createdAt, ...(await hashPin('9876')) });
  const nurse = insertStaff(db, {
    staffNumber: '42',
    displayName: 'Nurse',
    role: 'nurse',
    createdAt,
    ...(await hashPin('2468')),
  });
  insertRoom(db, { name: 'Room A' });
  const occupied = insertRoom(db, { name: 'Room B' });
  const cleaning = insertRoom(db, { name: 'Room C' });
  insertSession(db, {
    uuid: randomUUID(),
    roomId: occupied,
    kind: 'pumping',
    language: 'en',
    startedAt: sessionStarted,
    startedBy: nurse,
  });
  setRoomNeedsCleaning(db, cleaning, true);
}

// The system clock, unless a describe below says why it needs the test clock.
test.use({ seed: seedWith((db) => seedThreeRooms(db, Date.now() - 45 * MINUTE)) });

const tile = (page: Page, room: string) => page.getByRole('button', { name: new RegExp(`^${room}\\b`) });

async function chooseLanguage(page: Page, group: string, language: string): Promise<void> {
  await page.getByRole('group', { name: group }).getByRole('button', { name: language }).click();
}

test.describe('at a known time', () => {
  // The test clock: "Since 09:15" and "45 min" are read exactly, against a session seeded at 09:15 for a 10:00 board.
  test.use({ seed: seedWith((db) => seedThreeRooms(db, Date.parse('2025-03-04T09:15:00.000Z'))), fixedTime: NOW });

  test('the board shows each room in its state', async ({ page, kiosk }) => {
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('main').getByRole('listitem')).toHaveCount(3);
    await expect(tile(page, 'Room A')).toContainText('Free');
    await expect(tile(page, 'Room A')).toContainText('Tap to start a session');
    await expect(tile(page, 'Room B')).toContainText('Occupied');
    await expect(tile(page, 'Room B')).toContainText('Since 09:15');
    await expect(tile(page, 'Room B')).toContainText('Pumping');
    // Only where the test fixed the core's clock (the bridge) is "now" known to the minute.
    if (kiosk.clock) await expect(tile(page, 'Room B')).toContainText('45 min');
    await expect(tile(page, 'Room C')).toContainText('Needs cleaning');
    // No parent identifiers: a tile shows the room, its state, the time and the kind of session, nothing else.
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});

test('a tap on a free room asks for staff, and tells a parent a nurse will help', async ({ page }) => {
  await tile(page, 'Room A').click();
  await expect(page.getByRole('heading', { level: 2, name: 'Staff sign-in' })).toBeVisible();
  await expect(page.getByText('If you are waiting for a room, a nurse will help you.')).toBeVisible();
});

test('the board speaks Spanish after the switch, and <html lang> follows', async ({ page }) => {
  await expect(tile(page, 'Room A')).toContainText('Free');
  await chooseLanguage(page, 'Language', 'Español');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('group', { name: 'Idioma' }).getByRole('button', { name: 'Español' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(tile(page, 'Room A')).toContainText('Sala libre');
  await expect(tile(page, 'Room B')).toContainText('Ocupada');
  // On the system clock: "Desde la 01:25" when the session began at one o'clock, "Desde las …" at any other hour.
  await expect(tile(page, 'Room B')).toContainText(/Desde las? \d\d:\d\d/);
  await expect(tile(page, 'Room C')).toContainText('Necesita limpieza');
  await expect(page.getByRole('button', { name: 'Modo nocturno' })).toBeVisible();

  await chooseLanguage(page, 'Idioma', 'English');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(tile(page, 'Room A')).toContainText('Free');
});

test('the night toggle switches the board’s theme and back again', async ({ page }) => {
  const toggle = page.getByRole('button', { name: 'Night mode' });
  const html = page.locator('html');
  await expect(tile(page, 'Room A')).toBeVisible();
  // The real hour decides the first theme; pressed means night, whichever it is.
  const first = (await html.getAttribute('data-theme')) === 'night' ? 'night' : 'day';
  const other = first === 'day' ? 'night' : 'day';
  await expect(toggle).toHaveAttribute('aria-pressed', String(first === 'night'));
  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', other);
  await expect(toggle).toHaveAttribute('aria-pressed', String(other === 'night'));
  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', first);
  await expect(toggle).toHaveAttribute('aria-pressed', String(first === 'night'));
});

for (const language of ['en', 'es'] as const) {
  for (const theme of ['day', 'night'] as const) {
    test(`the board is accessible in ${language}, ${theme}`, async ({ page }) => {
      await expect(tile(page, 'Room A')).toBeVisible();
      if (language === 'es') await chooseLanguage(page, 'Language', 'Español');
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await pinTheme(page, theme, language === 'es' ? 'Modo nocturno' : 'Night mode');
      await expect(tile(page, 'Room C')).toContainText(language === 'es' ? 'Necesita limpieza' : 'Needs cleaning');

      await expectNoSeriousA11yViolations(page, `${language} ${theme}`);

      // Refreshing the documentation's screenshots is a deliberate act, not a side effect of every run.
      if (process.env.UPDATE_SCREENSHOTS === '1') {
        mkdirSync('docs/screenshots', { recursive: true });
        await page.screenshot({ path: `docs/screenshots/home-${language}-${theme}.png` });
      }
    });
  }
}
