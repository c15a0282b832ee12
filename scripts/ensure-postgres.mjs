/**
 * The fleet tests start their own PostgreSQL from Debian's server package (initdb, pg_ctl). Finds it, installs it with
 * apt-get when running as root, and otherwise leaves the fleet tests to fail saying exactly what is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = '/usr/lib/postgresql';

function found() {
  if (process.env.FLEET_PG_BIN) return true;
  if (!existsSync(ROOT)) return false;
  return readdirSync(ROOT).some((version) => existsSync(join(ROOT, version, 'bin', 'initdb')));
}

export function ensurePostgres() {
  if (found()) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) return;
  console.log('\n▶ PostgreSQL server programs are missing: installing Debian’s postgresql package');
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}
