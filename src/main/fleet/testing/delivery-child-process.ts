/**
 * Runs delivery-child.ts as a process of its own, for the fault tests to SIGKILL at any moment.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { waitFor } from './wait-for';

const CHILD = resolve(import.meta.dirname, 'delivery-child.ts');

/** Starts the delivery process for a kiosk's data folder; answers it once it printed "ready", with a promise of its exit. */
export async function startDeliveryChild(folder: string, batchSize = 20) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, folder, String(batchSize)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await waitFor(() => {
    if (child.exitCode !== null) throw new Error(`delivery process exited early: ${err}`);
    return out.includes('ready');
  }, 60_000);
  return { child, exited, output: () => out + err };
}
