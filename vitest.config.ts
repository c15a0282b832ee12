import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

/**
 * Three projects: core (plain Node, real SQLite files in temp folders), fleet (plain Node against a real PostgreSQL
 * cluster its globalSetup starts and removes; vitest starts it only when a fleet test is selected) and renderer
 * components (jsdom).
 */
const FLEET_TESTS = ['src/main/fleet/**/*.test.ts', 'src/commands/fleet-*.test.ts', 'src/cli/*-fleet.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'core',
          environment: 'node',
          include: [
            'src/main/**/*.test.ts',
            'src/shared/**/*.test.ts',
            'src/bridge/**/*.test.ts',
            'src/cli/**/*.test.ts',
            'src/commands/**/*.test.ts',
            'scripts/**/*.test.ts',
            'eslint-rules/**/*.test.ts',
          ],
          exclude: FLEET_TESTS,
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'fleet',
          environment: 'node',
          include: FLEET_TESTS,
          globalSetup: ['src/main/fleet/testing/cluster-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [svelte()],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['src/renderer/**/*.test.ts'],
          setupFiles: ['src/renderer/test-setup.ts'],
          // A file's first render compiles and warms jsdom: on a loaded 2-core machine that alone passed 15 s once.
          testTimeout: 30_000,
        },
      },
    ],
  },
});
