/**
 * Kiosk lockdown: the page tries to leave, open windows and reach the network.
 *
 * - electron project: the shell refuses all three (will-navigate, setWindowOpenHandler, CSP connect-src), so the
 *   kiosk page stays where it is.
 * - browser project (the loopback bridge in plain Chromium): a browser has no will-navigate to refuse a top-level
 *   navigation or a popup, so here the tests assert what the bridge itself guarantees: CSP refuses the fetch, and
 *   neither a navigation nor a popup carries the bridge token away (no Referer, no opener). Refusing the navigation
 *   itself is the Electron shell's job (src/main/security-policy.ts), checked only where Electron runs.
 */
import type { Page, Request } from '@playwright/test';
import { expect, test } from './fixtures';

const OUTSIDE = 'https://example.invalid/';

/** The page's globals used below (the e2e project compiles without the DOM library). */
interface PageGlobals {
  location: { href: string };
  document: { referrer: string };
  opener: unknown;
  kiosk?: object;
  open(url: string): unknown;
}

/** Answers requests to the outside address from the test (nothing leaves the machine) and remembers them. */
async function fakeOutside(page: Page): Promise<Request[]> {
  const seen: Request[] = [];
  await page.context().route(`${OUTSIDE}**`, async (route) => {
    seen.push(route.request());
    await route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: '<!doctype html><title>outside</title><p>outside',
    });
  });
  return seen;
}

test('a fetch to a remote address is refused by the Content-Security-Policy', async ({ page }) => {
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) refusals.push(message.text());
  });
  const outcome = await page.evaluate(
    (url) =>
      fetch(url).then(
        () => 'fetched',
        (error: unknown) => `refused: ${String(error)}`,
      ),
    OUTSIDE,
  );
  expect(outcome).toMatch(/^refused: TypeError/);
  await expect.poll(() => refusals.join('\n')).toMatch(/connect-src 'self'/);
});

test('leaving the page: refused in Electron; in a browser, the token does not go along', async ({ page, kiosk }) => {
  const seen = await fakeOutside(page);
  const kioskUrl = page.url();
  await page.evaluate((url) => {
    (globalThis as unknown as PageGlobals).location.href = url;
  }, OUTSIDE);

  if (kiosk.transport === 'electron') {
    // will-navigate refused it: give a refused navigation time to show, then the page is still ours.
    await page.waitForTimeout(500);
    expect(page.url()).toBe(kioskUrl);
    expect(seen).toHaveLength(0);
    return;
  }
  await page.waitForURL(OUTSIDE);
  expect(seen).toHaveLength(1);
  const headers = await seen[0]!.allHeaders();
  expect(headers.referer).toBeUndefined();
  expect(seen[0]!.url()).not.toContain(kiosk.bridge!.token);
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.referrer)).toBe('');
});

test('opening a window: refused in Electron; in a browser, the popup gets no token and no opener', async ({
  page,
  kiosk,
}) => {
  const seen = await fakeOutside(page);
  const windowsBefore = page.context().pages().length;

  if (kiosk.transport === 'electron') {
    const opened = await page.evaluate((url) => (globalThis as unknown as PageGlobals).open(url) !== null, OUTSIDE);
    await page.waitForTimeout(500);
    expect(opened).toBe(false);
    expect(page.context().pages()).toHaveLength(windowsBefore);
    expect(seen).toHaveLength(0);
    return;
  }
  const [popup] = await Promise.all([
    page.context().waitForEvent('page'),
    page.evaluate((url) => {
      (globalThis as unknown as PageGlobals).open(url);
    }, OUTSIDE),
  ]);
  await popup.waitForLoadState();
  expect(seen).toHaveLength(1);
  expect((await seen[0]!.allHeaders()).referer).toBeUndefined();
  // Cross-Origin-Opener-Policy: same-origin cuts the popup off from the kiosk page.
  const popupSees = await popup.evaluate(() => {
    const popupGlobals = globalThis as unknown as PageGlobals;
    return { opener: popupGlobals.opener, referrer: popupGlobals.document.referrer, kiosk: 'kiosk' in popupGlobals };
  });
  expect(popupSees).toEqual({ opener: null, referrer: '', kiosk: false });
  await popup.close();
  // The kiosk page itself is untouched and still answers.
  expect(page.url()).toContain('?token=');
  expect(await page.evaluate(() => typeof (globalThis as unknown as PageGlobals).kiosk)).toBe('object');
});
