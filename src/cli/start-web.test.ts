import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../main/core/db/open-database';
import { databasePath } from '../main/core/data-folder';
import { makeTempFolder } from '../main/core/testing/temp-folder';
import { BRIDGE_READY_LINE } from '../shared/bridge-protocol';
import { listBackups } from '../main/core/reliability/backups';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function startWeb(args: string[]): {
  child: ChildProcess;
  output: { stdout: string; stderr: string };
  done: Promise<Finished>;
} {
  const child = spawn(TSX, ['src/cli/start-web.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const done = new Promise<Finished>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, ...output })),
  );
  return { child, output, done };
}

async function waitForReadyLine(output: { stdout: string; stderr: string }, done: Promise<Finished>): Promise<string> {
  let exited = false;
  void done.then(() => (exited = true));
  for (let waited = 0; waited < 20_000; waited += 50) {
    const match = BRIDGE_READY_LINE.exec(output.stdout);
    if (match) return match[1]!;
    if (exited) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ready line; stdout: ${output.stdout}\nstderr: ${output.stderr}`);
}

describe('npm run start:web', () => {
  const folders: { cleanup(): void }[] = [];
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    for (const folder of folders.splice(0)) folder.cleanup();
  });

  it('prints one ready line, serves the page, and closes the database on SIGTERM with exit code 0', async () => {
    const data = makeTempFolder('kiosk-start-web-data-');
    const renderer = makeTempFolder('kiosk-start-web-renderer-');
    folders.push(data, renderer);
    writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><html><head><title>Kiosk</title></head></html>');

    const { child, output, done } = startWeb([
      '--no-build',
      '--port',
      '0',
      '--data-dir',
      data.path,
      '--renderer-dir',
      renderer.path,
    ]);
    children.push(child);
    const url = await waitForReadyLine(output, done);

    // Housekeeping runs as in the app: the start-up backup is taken while the bridge serves, not only at close.
    for (let waited = 0; waited < 10_000 && listBackups(data.path).length === 0; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(listBackups(data.path)).toHaveLength(1);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<meta name="kiosk-bridge-token"');
    expect((await fetch(new URL('/', url))).status).toBe(403);

    child.kill('SIGTERM');
    const finished = await done;
    expect(finished).toMatchObject({ code: 0, signal: null });
    expect(finished.stdout.trim().split('\n')).toHaveLength(1);
    // A closed database leaves no WAL behind, and opens again.
    expect(existsSync(`${databasePath(data.path)}-wal`)).toBe(false);
    openDatabase(databasePath(data.path)).close();
  });

  it('refuses a bad flag with one error line and exit code 2', async () => {
    const { child, done } = startWeb(['--no-build', '--port', 'abc']);
    children.push(child);
    const finished = await done;
    expect(finished.code).toBe(2);
    expect(finished.stdout).toBe('');
    expect(finished.stderr.trim().split('\n')).toEqual([
      'start:web: --port must be a number from 0 to 65535 (0 picks a free port), got "abc"',
    ]);
  });

  it('refuses a data folder it cannot use with one sentence and exit code 2, not a system error', async () => {
    const data = makeTempFolder('kiosk-start-web-data-');
    folders.push(data);
    const file = join(data.path, 'a-file');
    writeFileSync(file, 'not a folder');
    for (const dataDir of ['/proc/self', file, join(data.path, 'missing', 'data')]) {
      const { child, done } = startWeb(['--no-build', '--data-dir', dataDir]);
      children.push(child);
      const finished = await done;
      expect(finished.code).toBe(2);
      const lines = finished.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^start:web: The data folder ${dataDir} cannot be used: [^\\n]+\\.$`));
    }
  });

  it('says so when there is no built renderer', async () => {
    const data = makeTempFolder('kiosk-start-web-data-');
    const empty = makeTempFolder('kiosk-start-web-empty-');
    folders.push(data, empty);
    const { child, done } = startWeb(['--no-build', '--data-dir', data.path, '--renderer-dir', empty.path]);
    children.push(child);
    const finished = await done;
    expect(finished.code).toBe(1);
    expect(finished.stderr).toContain('no built renderer at');
  });
});
