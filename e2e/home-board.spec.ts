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

const NOW = '2025-03-04T10:00:00.000Z';
const SESSION_STARTED = Date.parse('2025-03-04T09:15:00.000Z');

/** Three rooms, one in each state, and an admin so the kiosk counts as set up. */
async function seedThreeRooms(db: KioskDatabase): Promise<void> {
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
    startedAt: SESSION_STARTED,
    startedBy: nurse,
  });
  setRoomNeedsCleaning(db, cleaning, true);
}

test.use({ seed: seedWith(seedThreeRooms), fixedTime: NOW });

const tile = (page: Page, room: string) => page.getByRole('button', { name: new RegExp(`^${room}\\b`) });

async function chooseLanguage(page: Page, group: string, language: string): Promise<void> {
  await page.getByRole('group', { name: group }).getByRole('button', { name: language }).click();
}

test('the board shows each room in its state', async ({ page, kiosk }) => {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('main').getByRole('listitem')).toHaveCount(3);
  await expect(tile(page, 'Room A')).toContainText('Free');
  await expect(tile(page, 'Room A')).toContainText('Tap to start a session');
  await expect(tile(page, 'Room B')).toContainText('Occupied');
  await expect(tile(page, 'Room B')).toContainText('Since 09:15');
  await expect(tile(page, 'Room B')).toContainText('Pumping');
  if (kiosk.clock) {
    // Only where the test fixed the core's clock (the bridge) is "now" known to the minute.
    await expect(tile(page, 'Room B')).toContainText('45 min');
  }
  await expect(tile(page, 'Room C')).toContainText('Needs cleaning');
  // No parent identifiers: a tile shows the room, its state, the time and the kind of session, nothing else.
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
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
  await expect(tile(page, 'Room B')).toContainText('Desde las 09:15');
  await expect(tile(page, 'Room C')).toContainText('Necesita limpieza');
  await expect(page.getByRole('button', { name: 'Modo nocturno' })).toBeVisible();

  await chooseLanguage(page, 'Idioma', 'English');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(tile(page, 'Room A')).toContainText('Free');
});

test('the night toggle dims the board and can be turned off again', async ({ page }) => {
  const toggle = page.getByRole('button', { name: 'Night mode' });
  // 10:00 is daytime: the board starts in the day theme.
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'day');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'night');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'day');
});

for (const language of ['en', 'es'] as const) {
  for (const theme of ['day', 'night'] as const) {
    test(`the board is accessible in ${language}, ${theme}`, async ({ page }) => {
      await expect(tile(page, 'Room A')).toBeVisible();
      if (language === 'es') await chooseLanguage(page, 'Language', 'Español');
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      const nightToggle = page.getByRole('button', { name: language === 'es' ? 'Modo nocturno' : 'Night mode' });
      if (theme === 'night') await nightToggle.click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
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
