import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { readOutboxBacklog } from '../main/core/repositories/fleet-outbox-repository';
import { makeTempFolder } from '../main/core/testing/temp-folder';
import { UNEXPECTED_FAILURE } from '../main/core/testing/failure-log';
import { fleetDatabaseForFile } from '../main/fleet/testing/fleet-database-for-file';
import { joinedTestKiosk } from '../main/fleet/testing/joined-kiosk';
import { centralRows, kioskRows, type TestKiosk } from '../main/fleet/testing/test-kiosk';
import { waitFor } from '../main/fleet/testing/wait-for';
import { BRIDGE_READY_LINE } from '../shared/bridge-protocol';

const fleet = fleetDatabaseForFile();
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** `npm run start:web` as a process of its own, on a data folder that joined the test's fleet. */
function startWeb(kiosk: TestKiosk) {
  const renderer = makeTempFolder('kiosk-start-web-renderer-');
  writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><html><head><title>Kiosk</title></head></html>');
  const args = ['--no-build', '--port', '0', '--data-dir', kiosk.folder, '--renderer-dir', renderer.path];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start-web.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr.on('data', (chunk: string) => (output.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    renderer.cleanup();
  });
  return { child, output, exited };
}

it('delivers a joined data folder’s changes in the background, as the app does, and stops cleanly', async () => {
  const { kiosk, kioskId } = await joinedTestKiosk(fleet.owner, 'Preview kiosk');
  cleanups.push(() => kiosk.close());
  // Written after join: only the preview's own worker can carry them to the centre.
  kiosk.writeVisits(3);
  expect(readOutboxBacklog(kiosk.db).rows).toBeGreaterThan(0);

  const web = startWeb(kiosk);
  await waitFor(() => BRIDGE_READY_LINE.test(web.output.stdout) || web.child.exitCode !== null, 30_000);
  expect(web.output.stdout, web.output.stderr).toMatch(BRIDGE_READY_LINE);

  await waitFor(async () => (await centralRows(fleet.superuser, kioskId)).length === kioskRows(kiosk.db).length);
  expect(await centralRows(fleet.superuser, kioskId)).toEqual(kioskRows(kiosk.db));
  expect(readOutboxBacklog(kiosk.db).rows).toBe(0);

  web.child.kill('SIGTERM');
  expect(await web.exited).toBe(0);
  expect(web.output.stderr.split('\n').filter((line) => UNEXPECTED_FAILURE.test(line))).toEqual([]);
  expect(web.output.stderr).not.toMatch(/fleet: delivery stopped/);
});
