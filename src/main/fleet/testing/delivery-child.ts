/**
 * A kiosk's delivery as its own process, for the fault tests to SIGKILL at any moment:
 * `node --import tsx delivery-child.ts <data folder> <batch size>`. Prints "ready" once the worker runs, and "done"
 * and exits when the outbox is empty.
 */
import { systemClock } from '../../core/clock';
import { openDatabase } from '../../core/db/open-database';
import { readOutboxBacklog } from '../../core/repositories/fleet-outbox-repository';
import { startFleetDeliveryIfJoined } from '../kiosk/fleet-membership';

const [folder, batchSize] = process.argv.slice(2);
if (!folder) throw new Error('usage: delivery-child.ts <data folder> [batch size]');
const db = openDatabase(`${folder}/kiosk.db`);
const worker = startFleetDeliveryIfJoined({
  db,
  dataFolder: folder,
  clock: systemClock,
  logger: { error: (message, error) => console.error(message, error), warn: (message) => console.error(message) },
  batchSize: Number(batchSize ?? 500),
  idleMs: 20,
  backoff: { firstMs: 20, maxMs: 200 },
});
if (!worker) throw new Error('this kiosk is in no fleet');
console.log('ready');
const poll = setInterval(() => {
  if (readOutboxBacklog(db).rows > 0) return;
  clearInterval(poll);
  void worker.stop().then(() => {
    db.close();
    console.log('done');
  });
}, 20);
