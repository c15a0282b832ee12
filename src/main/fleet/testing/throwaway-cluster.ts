/**
 * A real PostgreSQL for the fleet tests, started by the tests in a temporary folder on a free loopback port and removed
 * afterwards. It uses the server binaries of Debian's `postgresql` package (initdb, pg_ctl); there is no mock of
 * PostgreSQL anywhere. As root (CI), PostgreSQL refuses to run, so every server command runs as the `postgres` user.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionSettings } from '../central/connection-settings';

export interface ClusterAddress {
  host: string;
  port: number;
  /** The cluster's superuser, reached over TCP with a password like every other role. */
  user: string;
  password: string;
}

export interface ThrowawayCluster extends ClusterAddress {
  folder: string;
  /** Stops the server as a crash would (`immediate`: no checkpoint), then starts it again on the same port. */
  restart(mode?: 'immediate' | 'fast'): void;
  /** Stops the server as a crash would and leaves it down (an outage); `resume` starts it again on the same port. */
  halt(): void;
  resume(): void;
  stop(): void;
}

/** The cluster's superuser on loopback (no TLS), for a database of it: what the tests' and benchmarks' set-up use. */
export function superuserSettings(cluster: ClusterAddress, database = 'postgres'): ConnectionSettings {
  return {
    host: cluster.host,
    port: cluster.port,
    user: cluster.user,
    password: cluster.password,
    database,
    tls: 'disable',
  };
}

const SEARCH_ROOT = '/usr/lib/postgresql';
const SUPERUSER = 'fleet_test_superuser';

/** The folder holding initdb and pg_ctl: FLEET_PG_BIN, else the newest /usr/lib/postgresql/<version>/bin. */
export function findServerBinaries(env: NodeJS.ProcessEnv = process.env): { bin: string } | { missing: string } {
  const has = (bin: string) => existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'));
  if (env.FLEET_PG_BIN) {
    return has(env.FLEET_PG_BIN)
      ? { bin: env.FLEET_PG_BIN }
      : { missing: `FLEET_PG_BIN is ${env.FLEET_PG_BIN}, but initdb and pg_ctl are not both there.` };
  }
  const versions = existsSync(SEARCH_ROOT)
    ? readdirSync(SEARCH_ROOT)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const found = versions.map((version) => join(SEARCH_ROOT, version, 'bin')).find(has);
  if (found) return { bin: found };
  return {
    missing:
      `The fleet tests need PostgreSQL's server programs initdb and pg_ctl, and found none under ${SEARCH_ROOT}/<version>/bin. ` +
      'Install Debian’s server package as root (`apt-get install -y postgresql`), or set FLEET_PG_BIN to a folder ' +
      'that holds initdb and pg_ctl.',
  };
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** The uid/gid to run the server as when we are root (PostgreSQL will not run as root). */
function serverUser(): { uid: number; gid: number } | undefined {
  if (!isRoot()) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (!line || uid === undefined || gid === undefined) {
    throw new Error(
      'The fleet tests run as root, and PostgreSQL refuses to run as root, but there is no `postgres` user to run it ' +
        'as. Install Debian’s `postgresql` package (it creates that user), or run the tests as an ordinary user.',
    );
  }
  return { uid: Number(uid), gid: Number(gid) };
}

function runServerTool(bin: string, tool: string, args: string[]): SpawnSyncReturns<string> {
  const program = join(bin, tool);
  const [command, commandArgs] = isRoot() ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw new Error(`${tool} could not be run: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${tool} ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr}${result.stdout}`);
  }
  return result;
}

/** A port nobody listens on right now (the OS picks it; the server takes it a moment later). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * initdb, then start on a free port, loopback only, socket in the folder. fsync is off: the tests restart the server
 * with `immediate` (a crash to PostgreSQL) but never lose the machine's power. synchronous_commit stays on, as in
 * production: with it off, a commit is answered before its WAL is written, so a crash loses batches the kiosks were
 * told had committed (the fault tests found exactly that).
 */
export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  const found = findServerBinaries();
  if ('missing' in found) throw new Error(found.missing);
  const { bin } = found;
  const owner = serverUser();
  const folder = mkdtempSync(join(tmpdir(), 'kiosk-fleet-pg-'));
  if (owner) chownSync(folder, owner.uid, owner.gid);
  const password = randomBytes(18).toString('base64url');
  const passwordFile = join(folder, 'superuser-password');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (owner) chownSync(passwordFile, owner.uid, owner.gid);
  const data = join(folder, 'data');
  const port = await freePort();
  try {
    runServerTool(bin, 'initdb', [
      '-D',
      data,
      '-U',
      SUPERUSER,
      `--pwfile=${passwordFile}`,
      '--auth-local=scram-sha-256',
      '--auth-host=scram-sha-256',
      '-E',
      'UTF8',
      '--no-locale',
      '--no-sync',
    ]);
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  rmSync(passwordFile);
  const options = [
    `-c port=${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${folder}`,
    '-c fsync=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  const log = join(folder, 'server.log');
  const start = () => runServerTool(bin, 'pg_ctl', ['-D', data, '-o', options, '-l', log, '-w', '-t', '60', 'start']);
  const stopServer = (mode: 'immediate' | 'fast') =>
    runServerTool(bin, 'pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  try {
    start();
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  let running = true;
  let halted = false;
  const stopOnExit = () => {
    if (running) spawnSync(isRoot() ? 'runuser' : join(bin, 'pg_ctl'), stopArgs(bin), { timeout: 10_000 });
    rmSync(folder, { recursive: true, force: true });
  };
  process.once('exit', stopOnExit);
  return {
    host: '127.0.0.1',
    port,
    user: SUPERUSER,
    password,
    folder,
    restart(mode = 'immediate') {
      stopServer(mode);
      start();
    },
    halt() {
      stopServer('immediate');
      halted = true;
    },
    resume() {
      start();
      halted = false;
    },
    stop() {
      if (running && !halted) stopServer('fast');
      running = false;
      process.removeListener('exit', stopOnExit);
      rmSync(folder, { recursive: true, force: true });
    },
  };

  function stopArgs(binFolder: string): string[] {
    const args = ['-D', data, '-m', 'immediate', '-w', 'stop'];
    return isRoot() ? ['-u', 'postgres', '--', join(binFolder, 'pg_ctl'), ...args] : args;
  }
}
