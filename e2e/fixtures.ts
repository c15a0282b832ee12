/**
 * The `kiosk` fixture: each test gets its own data folder, optionally seeded before the app starts, and the kiosk
 * opened in a page — through the loopback bridge in real Chromium (`browser` project) or as the built Electron app
 * (`electron` project). Specs use `page` as usual; it is the kiosk's page in both projects.
 */
import { test as base, expect, type Browser, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunningBridge } from '../src/bridge/bridge-server';
import { startWebKiosk } from '../src/cli/web-kiosk';
import { ManualClock } from '../src/main/core/clock';
import type { KioskDatabase } from '../src/main/core/db/open-database';
import { openKioskCore } from '../src/main/core/kiosk-core';
import { createFailureLog, UNEXPECTED_FAILURE } from '../src/main/core/testing/failure-log';
import { ELECTRON_MISSING_REASON, findElectronBinary } from './electron-binary';

export type Transport = 'browser' | 'electron';

/**
 * Puts rows in the database before the kiosk starts (use the repositories: insertRoom, insertStaff, ...); the data
 * folder is there for what lives beside the database (a fleet's credentials, written by fleet join).
 */
export type Seed = (db: KioskDatabase, dataFolder: string) => void | Promise<void>;

export interface Kiosk {
  page: Page;
  transport: Transport;
  dataFolder: string;
  /** The core's clock when `fixedTime` is set on the browser transport: move it with advance(). */
  clock: ManualClock | undefined;
  /** The bridge behind the page (browser transport only). */
  bridge: RunningBridge | undefined;
  /** The Electron app (electron transport only): to stand in for native dialogs Playwright cannot answer. */
  electronApp: ElectronApplication | undefined;
  /**
   * Declares an unexpected failure (an `internal` answer) this test provokes on purpose. Any other one that core or
   * the bridge logs fails the test, even when the screen looked fine.
   */
  allowUnexpectedFailure(pattern: RegExp): void;
}

/** Per-project options (playwright.config.ts). */
export interface KioskProjectOptions {
  transport: Transport;
  /** The built renderer the bridge serves; electron-vite's out/renderer by default. */
  rendererDir: string;
}

/** Per-test options: `test.use({ seed: seedWith(...), fixedTime: '2025-03-04T09:30:00Z' })`. */
interface KioskTestOptions {
  seed: Seed | undefined;
  /** Fixes the core clock and the page's clock at this ISO instant (the page's clock then runs on from it). */
  fixedTime: string | undefined;
}

interface KioskFixtures {
  dataFolder: string;
  kiosk: Kiosk;
}

interface KioskWorkerFixtures {
  kioskBrowser: Browser | undefined;
}

/**
 * Playwright reads a function given to test.use() as a fixture, so a seed goes in through this wrapper:
 * `test.use({ seed: seedWith(async (db) => { insertRoom(db, { name: 'Room 1' }); }) })`.
 */
export function seedWith(seed: Seed) {
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the object pattern as the first parameter.
  return async ({}, use: (value: Seed) => Promise<void>) => use(seed);
}

function fixedTimeMs(fixedTime: string): number {
  const time = Date.parse(fixedTime);
  if (Number.isNaN(time)) throw new Error(`fixedTime must be an ISO date-time, got "${fixedTime}"`);
  return time;
}

async function seedDatabase(dataFolder: string, seed: Seed | undefined, clock: ManualClock | undefined): Promise<void> {
  if (!seed) return;
  const core = openKioskCore({ dataFolder, clock });
  try {
    await seed(core.db, dataFolder);
  } finally {
    core.close();
  }
}

let electronSkipAnnounced = false;

export const test = base.extend<KioskFixtures & KioskTestOptions, KioskWorkerFixtures & KioskProjectOptions>({
  transport: ['browser', { scope: 'worker', option: true }],
  rendererDir: [process.env.KIOSK_RENDERER_DIR ?? resolve('out/renderer'), { scope: 'worker', option: true }],
  seed: [undefined, { option: true }],
  fixedTime: [undefined, { option: true }],

  // eslint-disable-next-line no-empty-pattern -- Playwright requires the object pattern as the first parameter.
  dataFolder: async ({}, use) => {
    const folder = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
    await use(folder);
    rmSync(folder, { recursive: true, force: true });
  },

  // Our own browser rather than Playwright's `browser` fixture, so the electron project never launches Chromium.
  kioskBrowser: [
    async ({ playwright, transport, launchOptions }, use) => {
      if (transport !== 'browser') {
        await use(undefined);
        return;
      }
      const browser = await playwright.chromium.launch({ handleSIGINT: false, ...launchOptions });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],

  kiosk: async ({ transport, rendererDir, seed, fixedTime, dataFolder, kioskBrowser, playwright }, use, testInfo) => {
    const time = fixedTime === undefined ? undefined : fixedTimeMs(fixedTime);
    const clock = time === undefined ? undefined : new ManualClock(time);

    if (transport === 'electron') {
      const executablePath = findElectronBinary();
      if (!executablePath) {
        // The list reporter does not show skip reasons: say it once per worker so nobody mistakes skips for passes.
        if (!electronSkipAnnounced) console.log(`[electron] skipped: ${ELECTRON_MISSING_REASON}`);
        electronSkipAnnounced = true;
        testInfo.skip(true, ELECTRON_MISSING_REASON);
      }
      const mainEntry = resolve('out/main/index.js');
      if (!existsSync(mainEntry)) throw new Error(`No built app at ${mainEntry}: run npx electron-vite build first.`);
      await seedDatabase(dataFolder, seed, clock);
      const app: ElectronApplication = await playwright._electron.launch({
        executablePath,
        args: [mainEntry, '--data-dir', dataFolder],
        timezoneId: testInfo.project.use.timezoneId,
        locale: testInfo.project.use.locale,
        // The shell may fix its core clock from this; the page's clock is fixed below either way.
        env: { ...process.env, ...(fixedTime ? { KIOSK_FIXED_TIME: fixedTime } : {}) } as Record<string, string>,
      });
      // The shell logs to its stderr; unexpected failures there fail the test as they do on the bridge.
      const mainLog = createFailureLog();
      app.process().stderr?.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n'))
          if (UNEXPECTED_FAILURE.test(line)) mainLog.logger.error(line, '');
      });
      try {
        if (time !== undefined) await app.context().clock.install({ time });
        const page = await app.firstWindow();
        if (time !== undefined) await page.reload();
        await use({
          page,
          transport,
          dataFolder,
          clock: undefined,
          bridge: undefined,
          electronApp: app,
          allowUnexpectedFailure: mainLog.allow,
        });
        expect(mainLog.unexpected(), 'unexpected failures logged by the kiosk').toEqual([]);
      } finally {
        await app.close();
      }
      return;
    }

    if (!existsSync(join(rendererDir, 'index.html'))) {
      throw new Error(`No built renderer at ${rendererDir}: run npx electron-vite build first.`);
    }
    await seedDatabase(dataFolder, seed, clock);
    const failures = createFailureLog((message, error) => console.error(message, error));
    // The preview's own wiring (npm run start:web): a data folder that joined a fleet delivers and shows its scope.
    const bridge = await startWebKiosk({ dataFolder, port: 0, rendererDir, clock, logger: failures.logger });
    const context = await kioskBrowser!.newContext();
    try {
      const page = await context.newPage();
      const pageErrors: Error[] = [];
      page.on('pageerror', (error) => pageErrors.push(error));
      if (time !== undefined) await page.clock.install({ time });
      await page.goto(bridge.url);
      await use({
        page,
        transport,
        dataFolder,
        clock,
        bridge,
        electronApp: undefined,
        allowUnexpectedFailure: failures.allow,
      });
      expect(failures.unexpected(), 'unexpected failures logged by the bridge or core').toEqual([]);
      expect(
        pageErrors.map((error) => error.stack ?? error.message),
        'uncaught errors in the kiosk page',
      ).toEqual([]);
    } finally {
      await context.close();
      await bridge.close();
    }
  },

  page: async ({ kiosk }, use) => {
    await use(kiosk.page);
  },
});

export { expect };
