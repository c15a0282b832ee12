import { chromium } from '@playwright/test';
import { startBridge } from '../src/bridge/bridge-server';
import { median } from './statistics';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Runs in the page before its own scripts (a string: this file is compiled without DOM types). */
const STAMP_FIRST_TILE = `new MutationObserver((changes, observer) => {
  if (document.querySelector('button.tile')) {
    window.boardReadyAt = performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });`;

/**
 * Cold loads of the kiosk in Chromium through the bridge: milliseconds from navigation start until the first room
 * tile is on screen with its handler attached (Svelte attaches handlers as it mounts). Each load gets a fresh
 * browser context, so nothing is cached between runs.
 */
export async function measureBoardInteractive(
  dataFolder: string,
  rendererDir: string,
  loads = 10,
): Promise<{ medianMs: number; samples: number[] }> {
  const bridge = await startBridge({ dataFolder, rendererDir, port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const samples: number[] = [];
    for (let index = 0; index < loads; index++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      // Stamp the moment the first tile exists, from inside the page, so Playwright's own polling is not counted.
      await page.addInitScript({ content: STAMP_FIRST_TILE });
      await page.goto(bridge.url);
      await page.locator('button.tile').first().waitFor({ state: 'visible' });
      samples.push(Number(await page.evaluate('window.boardReadyAt')));
      await context.close();
    }
    return { medianMs: median(samples), samples };
  } finally {
    await browser.close();
    await bridge.close();
  }
}
