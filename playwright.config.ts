import { defineConfig } from '@playwright/test';
import type { KioskProjectOptions } from './e2e/fixtures';

/**
 * The same specs in two projects: `browser` (real Chromium + the loopback bridge, runs everywhere) and `electron`
 * (the built app; skipped with a one-line reason where the Electron binary is not installed). See e2e/fixtures.ts.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Chromium's own background connections are refused on closed networks and only add noise.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig<object, Partial<KioskProjectOptions>>({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    // A fixed place and zone, so "occupied since 09:30" reads the same on every machine.
    locale: 'en-US',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 800 },
    // The day/night fade runs on real time, not the test clock: without motion, axe and screenshots see the final colours.
    contextOptions: { reducedMotion: 'reduce' },
  },
  projects: [
    {
      name: 'browser',
      use: {
        transport: 'browser',
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          headless: true,
          args: CHROMIUM_ARGS,
        },
      },
    },
    {
      name: 'electron',
      testIgnore: /bridge-security\.spec\.ts/,
      // The Electron app starts a whole process per test: one retry on CI absorbs a slow start, never a real failure.
      retries: process.env.CI ? 1 : 0,
      use: { transport: 'electron' },
    },
  ],
});
