/**
 * The child process of the crash trials (crash-trials.ts): runs the kiosk core against a data folder and uses it the
 * way a room does (room-workload.ts), through dispatch, until it is killed. Each line on stdout is printed only after
 * dispatch answered ok (or, for "sending", before a setting or staff change is sent), after one first line:
 *   ready <synchronous> <journal_mode>
 * Usage: node --import tsx crash-worker.ts <dataFolder> <staff as JSON: {"nurses":[…],"admin":"…","pin":"…"}>
 */
import { writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openKioskCore } from '../kiosk-core';
import { runRoomWorkload, type WorkloadStaff } from './room-workload';

const [dataFolder, staffJson] = process.argv.slice(2);
if (!dataFolder || !staffJson) {
  console.error('usage: crash-worker.ts <dataFolder> <staff as JSON>');
  process.exit(2);
}
const staff = JSON.parse(staffJson) as WorkloadStaff;

// Synchronous on purpose: nothing is buffered in this process when the kill comes.
const print = (line: string) => writeSync(1, `${line}\n`);

const core = openKioskCore({
  dataFolder,
  resourcesFolder: fileURLToPath(new URL('../../../../resources', import.meta.url)),
  logger: { error: (message, error) => console.error(message, error) },
  // As in the app: housekeeping and the hourly online backup run while the trial writes.
  housekeepingEveryMinute: true,
});

print(
  `ready ${String(core.db.pragma('synchronous', { simple: true }))} ${String(core.db.pragma('journal_mode', { simple: true }))}`,
);
runRoomWorkload(core.dispatch, { acknowledged: print, sending: (line) => print(`sending ${line}`) }, staff).catch(
  (error: unknown) => {
    console.error(`crash-worker: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(3);
  },
);
