import { API_METHODS } from '../src/shared/api-methods';
import { expect, test } from './fixtures';
import { callKiosk, kioskMethodNames } from './kiosk-page';

// Browser project only (playwright.config.ts): the bridge does not exist in the Electron app.

test('the page without the token is refused with 403', async ({ page, kiosk }) => {
  const response = await page.goto(new URL('/', kiosk.bridge!.url).href);
  expect(response?.status()).toBe(403);
  await expect(page.locator('body')).toContainText('Forbidden');
  await expect(page.locator('meta[name="kiosk-bridge-token"]')).toHaveCount(0);
});

test('the page is served with the strict CSP and gets exactly the contract methods', async ({ page, kiosk }) => {
  const response = await page.goto(kiosk.bridge!.url);
  const csp = response?.headers()['content-security-policy'];
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(await kioskMethodNames(page)).toEqual([...API_METHODS].sort());
  expect(await callKiosk(page, 'listRooms')).toEqual({ ok: true, value: [] });
});

test('a fetch from the page to a remote address is refused by CSP', async ({ page }) => {
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) refusals.push(message.text());
  });
  const outcome = await page.evaluate(() =>
    fetch('https://example.invalid/').then(
      () => 'fetched',
      (error: unknown) => `refused: ${String(error)}`,
    ),
  );
  expect(outcome).toMatch(/^refused: TypeError/);
  // The console says why: CSP, not a failed DNS lookup of the .invalid name.
  await expect
    .poll(() => refusals.join('\n'))
    .toMatch(
      /'https:\/\/example\.invalid\/' violates the following Content Security Policy directive: "connect-src 'self'"/,
    );
});

test('an API call with a wrong token answers untrusted-sender', async ({ page, kiosk }) => {
  const answer = await page.evaluate(async () => {
    const response = await fetch('/__kiosk/api/listRooms', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Kiosk-Token': 'not-the-token' },
      body: JSON.stringify({ input: {} }),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  });
  expect(answer.status).toBe(401);
  expect(answer.body).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
  expect(kiosk.bridge!.token).not.toBe('not-the-token');
});
