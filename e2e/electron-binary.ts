import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findElectronBinary as findElectron } from '../scripts/electron-paths.mjs';

/**
 * The Electron binary `npm start` would use (same rule: ELECTRON_OVERRIDE_DIST_PATH or node_modules/electron/path.txt
 * under dist/), found without requiring the electron package, which downloads its binary on first require.
 * Undefined when none is installed (offline installs with ELECTRON_SKIP_BINARY_DOWNLOAD=1).
 */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const found = findElectron({
    projectFolder: resolve('.'),
    env,
    platform: process.platform,
    fileExists: existsSync,
    readText: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : null),
  });
  return found.path ?? undefined;
}

export const ELECTRON_MISSING_REASON =
  'Electron binary not installed here (offline install): run the electron project where it exists';
