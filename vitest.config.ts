import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

/** Two projects: core (plain Node, real SQLite files in temp folders) and renderer components (jsdom). */
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
          testTimeout: 30_000,
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
          // A file's first render compiles and warms jsdom; on a loaded 2-core machine that alone passed 5 s.
          testTimeout: 15_000,
        },
      },
    ],
  },
});
