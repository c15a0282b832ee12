/**
 * End-to-end tests drive Debian's Chromium (never a downloaded browser build: this network has none to give).
 * Finds it, installs it with apt-get when running as root, and otherwise says exactly what is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

export function ensureChromium() {
  const found = findChromium();
  if (found) return { ok: true, path: found };
  if (process.env.CHROMIUM_PATH) {
    return { ok: false, reason: `CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, but nothing is there.` };
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    console.log('\n▶ Chromium is missing: installing Debian’s chromium package (apt-get install -y chromium)');
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    const install = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const installed = findChromium();
    if (install.status === 0 && installed) return { ok: true, path: installed };
    return { ok: false, reason: 'apt-get install -y chromium failed (see its output above).' };
  }
  return {
    ok: false,
    reason:
      'Chromium is not installed. Install Debian’s package as root (`sudo apt-get install -y chromium`), or set ' +
      'CHROMIUM_PATH to a Chromium or Chrome binary, then run `npm test` again.',
  };
}
