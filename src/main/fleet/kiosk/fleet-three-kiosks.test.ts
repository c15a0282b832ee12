/**
 * Three kiosks, each its own data folder and its own delivery process, writing and delivering at once into one
 * centre, while one of them is SIGKILLed mid-delivery again and again. The centre ends with exactly the union of the
 * three kiosks' rows, none twice, none missing, none under the wrong kiosk.
 */
import { expect, it } from 'vitest';
import { readOutboxBacklog } from '../../core/repositories/fleet-outbox-repository';
import { startDeliveryChild } from '../testing/delivery-child-process';
import { fleetDatabaseForFile } from '../testing/fleet-database-for-file';
import { joinedTestKiosk } from '../testing/joined-kiosk';
import { fleetRows, unionOfKioskRows } from '../testing/test-kiosk';
import { waitFor } from '../testing/wait-for';

const fleet = fleetDatabaseForFile();

// 10 in the run of every test (a kill costs a delivery process's start, about 7 s on a loaded 2-core machine);
// FLEET_KILLS=20 for the longer run.
const KILLS = Number(process.env.FLEET_KILLS ?? 10);

const joinedKiosk = (name: string, visits: number) => joinedTestKiosk(fleet.owner, name, { visits });

it(`three kiosk processes delivering at once, one SIGKILLed mid-delivery ${KILLS} times: the centre holds exactly the union of their rows`, async () => {
  const steady = [await joinedKiosk('3 North', 400), await joinedKiosk('3 South', 400)];
  const killed = await joinedKiosk('3 East', 700);
  const all = [...steady, killed];

  const steadyRuns = await Promise.all(steady.map(({ kiosk }) => startDeliveryChild(kiosk.folder)));
  let killedMidway = 0;
  for (let kill = 0; kill < KILLS; kill++) {
    // Ten batches to deliver, so that a kill soon after the first one lands while there is still work; a backlog of
    // a few rows was often all delivered before the kill on a busy machine.
    killed.kiosk.writeVisits(1_000);
    const before = readOutboxBacklog(killed.kiosk.db).rows;
    const { child, exited } = await startDeliveryChild(killed.kiosk.folder);
    // Once this run has delivered something (the kiosk's own outbox shrank: a cheap look, unlike a query at the
    // centre), at a random moment: mid-batch, between the centre's commit and the kiosk noting it, or between batches.
    await waitFor(() => child.exitCode !== null || readOutboxBacklog(killed.kiosk.db).rows < before);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 60));
    const wasRunning = child.exitCode === null;
    child.kill('SIGKILL');
    await exited;
    if (wasRunning && readOutboxBacklog(killed.kiosk.db).rows > 0) killedMidway += 1;
    // Every kiosk goes on writing while the others deliver.
    for (const { kiosk } of all) kiosk.writeVisits(1);
  }
  console.info(`three kiosks: ${killedMidway} of ${KILLS} kills landed with a backlog still to deliver`);
  expect(killedMidway).toBeGreaterThan(KILLS / 2);

  // The steady kiosks exit once their outbox is empty; history written after that, and the killed kiosk's rest, is
  // delivered by one last run of each.
  for (const run of steadyRuns) expect(await run.exited).toBe(0);
  const last = await Promise.all(all.map(({ kiosk }) => startDeliveryChild(kiosk.folder)));
  for (const run of last) expect(await run.exited).toBe(0);
  for (const { kiosk } of all) expect(readOutboxBacklog(kiosk.db).rows).toBe(0);

  expect(await fleetRows(fleet.superuser)).toEqual(unionOfKioskRows(all));
  for (const { kiosk } of all) kiosk.close();
  // Ten kills, each after a fresh backlog shrinks, take two to three minutes on a loaded 2-core machine.
}, 420_000);
