import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const built = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].every((file) =>
  existsSync(file),
);

describe('packaging rehearsal (electron-builder with a stand-in Electron, offline)', () => {
  it.skipIf(!built)(
    'packages the real configuration into a folder that passes the packaged-app check (skipped until `npm run build`)',
    () => {
      const result = spawnSync(process.execPath, ['scripts/rehearse-packaging.mjs'], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(result.stderr).not.toMatch(/not fit to ship|⨯/);
      expect(result.stdout).toMatch(
        /Rehearsal passed: \d+ entries in app\.asar, fuses set, driver in resources\/native\./,
      );
      expect(result.status).toBe(0);
    },
    120_000,
  );
});
