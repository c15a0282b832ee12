/**
 * A clean load: the kiosk's page asks only for files it has and logs no error, so a real problem in the console is
 * never drowned out by noise (a browser asks for /favicon.ico unless the page declares its icon).
 */
import { expect, seedWith, test } from './fixtures';
import { seedKiosk } from './staff-helpers';

test.use({ seed: seedWith((db) => seedKiosk(db, ['Room 1'])) });

test('loading the kiosk logs no console error and requests no missing file', async ({ page }) => {
  const errors: string[] = [];
  const missing: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) missing.push(`${response.status()} ${response.url()}`);
  });
  await page.reload();
  await expect(page.getByRole('button', { name: 'Staff', exact: true })).toBeVisible();
  // The icon request, when there is one, comes after the page has loaded: give it the time to be seen.
  await page.waitForLoadState('networkidle');
  expect(missing).toEqual([]);
  expect(errors).toEqual([]);
  expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/^data:image\/svg\+xml,/);
});
