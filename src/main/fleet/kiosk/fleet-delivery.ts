import type { Clock } from '../../core/clock';
import type { KioskDatabase } from '../../core/db/open-database';
import type { KioskLogger } from '../../core/logging/kiosk-logger';
import { countStaffOutbox } from '../../core/repositories/fleet-staff-repository';
import { countHelpCallOutbox } from '../../core/repositories/help-calls-repository';
import {
  batchRowCount,
  markOutboxDelivered,
  noteDeliveryFailure,
  readOutboxBatch,
} from '../../core/repositories/fleet-outbox-repository';
import type { CentralConnection } from '../central/central-connection';
import { openCentral, type ConnectionSettings } from '../central/connection-settings';
import { uploadBatch } from '../central/history-upload';
import { HELP_CALLS_CHANNEL } from '../central/help-calls';
import { readFleetBadgeKey, STAFF_DIRECTORY_CHANNEL } from '../central/staff-directory';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './delivery-backoff';
import { describeDeliveryError } from './delivery-errors';
import { pullHelpCalls, pushHelpCalls, type HelpCallLink } from './help-call-sync';
import { PullSchedule } from './pull-schedule';
import { pullStaffChanges, pushStaffChanges } from './staff-directory-sync';

export interface DeliveryOptions {
  db: KioskDatabase;
  connection: ConnectionSettings;
  kioskId: string;
  /** host:port/database, for messages. */
  server: string;
  clock: Clock;
  logger: KioskLogger;
  /** Outbox entries per batch (one PostgreSQL transaction). */
  batchSize?: number;
  /** A batch that has not committed by then is abandoned and its connection closed (a stalled network). */
  batchTimeoutMs?: number;
  connectTimeoutSeconds?: number;
  /**
   * Called when the centre says the staff directory changed (LISTEN on the delivery connection). A pooler in
   * transaction mode drops notifications; the regular pull still comes.
   */
  onStaffDirectoryChanged?: () => void;
  /** The fleet's badge key, fetched at a pull while this kiosk has none (joined before the centre made it). */
  badgeKey?: { needed(): boolean; store(key: Buffer): void };
  /** Help calls: where the unit's open calls and the answers to this kiosk's calls go. None: calls are only sent. */
  helpCalls?: HelpCallLink;
  /** Called when the centre says a help call was raised or answered (LISTEN, as for the staff directory). */
  onHelpCallsChanged?: () => void;
}

export interface Delivery {
  /** Sends the oldest batch and marks it delivered; answers the entries it covered (0: nothing waited). Throws. */
  deliverBatch(): Promise<{ entries: number; rows: number }>;
  /**
   * Sends this kiosk's queued staff changes and, when `pull`, applies the directory's newer changes. Throws.
   */
  syncStaff(pull: boolean): Promise<{ pushed: number; applied: number }>;
  /** Sends this kiosk's queued help calls and, when `pull`, reads the unit's open calls and answers. Throws. */
  syncHelpCalls(pull: boolean): Promise<{ sent: number }>;
  /**
   * Opens the connection again if it died (the server restarted), so its LISTENs hear the centre again at once
   * rather than at the next regular pull. Throws.
   */
  stayConnected(): Promise<void>;
  /** Closes the connection; a batch in flight fails and stays in the outbox. */
  close(): Promise<void>;
}

export const DEFAULT_BATCH_SIZE = 500;
/** A staff member disabled at the centre is refused by every kiosk online within this, plus a round trip. */
export const DEFAULT_STAFF_PULL_MS = 5_000;

class DeliveryTimeout extends Error {
  code = 'ETIMEDOUT';
}

/**
 * One kiosk's delivery to the centre over one connection, opened when first needed and again after any failure: a
 * connection that died while idle (the server restarted) is noticed before the next batch and replaced, and one that
 * dies mid-batch fails that batch, which stays in the outbox for the worker to retry.
 */
export function createDelivery(options: DeliveryOptions): Delivery {
  let sql: CentralConnection | null = null;
  let closed = false;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const batchTimeoutMs = options.batchTimeoutMs ?? 30_000;
  const drop = async () => {
    const old = sql;
    sql = null;
    await old?.end();
  };
  /** Runs work on the connection (opened again after a failure) within the batch timeout; a failure drops it. */
  const withCentral = async <T>(work: (central: CentralConnection) => Promise<T>): Promise<T> => {
    if (sql?.failure) await drop();
    const fresh = sql === null;
    sql ??= openCentral(options.connection, { connectTimeoutSeconds: options.connectTimeoutSeconds ?? 10 });
    const central = sql;
    const notify = options.onStaffDirectoryChanged;
    const notifyHelp = options.onHelpCallsChanged;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        (async () => {
          // Each new connection listens again; a failure here drops it like any other, and the next one retries.
          if (fresh && notify) await central.listen(STAFF_DIRECTORY_CHANNEL, notify);
          if (fresh && notifyHelp) await central.listen(HELP_CALLS_CHANNEL, notifyHelp);
          // Whatever the centre said while no connection listened (a restart, a network cut) was missed: once
          // listening again, read as if it had just spoken, rather than at the next regular pull.
          if (fresh) {
            notify?.();
            notifyHelp?.();
          }
          return work(central);
        })(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new DeliveryTimeout(`no answer within ${batchTimeoutMs / 1000} s`)),
            batchTimeoutMs,
          );
        }),
      ]);
    } catch (error) {
      await drop();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    async deliverBatch() {
      if (closed) throw new Error('Delivery is closed.');
      const batch = readOutboxBatch(options.db, batchSize);
      if (batch.entries === 0) return { entries: 0, rows: 0 };
      const rows = batchRowCount(batch);
      // Rows deleted since they were queued (retention) leave entries with nothing to send.
      if (rows > 0) await withCentral((central) => uploadBatch(central, options.kioskId, batch));
      // Closed while the batch was in flight (the kiosk is shutting down): the database may be closed too. The
      // batch stays queued and is sent again next time, which changes nothing at the centre.
      if (closed) return { entries: 0, rows: 0 };
      markOutboxDelivered(options.db, batch.lastId, rows, options.clock.now());
      return { entries: batch.entries, rows };
    },
    async syncStaff(pull) {
      if (closed) throw new Error('Delivery is closed.');
      return withCentral(async (central) => {
        const pushed = await pushStaffChanges(central, options.db);
        // Closed while waiting on the network: leave the database alone; what was sent is sent again, harmlessly.
        const applied = pull && !closed ? await pullStaffChanges(central, options.db, options.clock) : 0;
        if (pull && !closed && options.badgeKey?.needed()) {
          const key = await readFleetBadgeKey(central);
          if (key && !closed) options.badgeKey.store(key);
        }
        return { pushed, applied };
      });
    },
    async syncHelpCalls(pull) {
      if (closed) throw new Error('Delivery is closed.');
      const isClosed = () => closed;
      return withCentral(async (central) => {
        const sent = await pushHelpCalls(central, options.db, isClosed);
        if (pull && options.helpCalls && !closed) await pullHelpCalls(central, options.db, options.helpCalls, isClosed);
        return { sent };
      });
    },
    async stayConnected() {
      if (closed || (sql !== null && !sql.failure)) return;
      await withCentral(async () => undefined);
    },
    async close() {
      closed = true;
      await drop();
    },
  };
}

/** One step of the worker: sends what is queued and, when the schedule says so (and pulling applies), pulls. */
async function runPull(
  schedule: PullSchedule,
  pulls: boolean,
  queued: boolean,
  sync: (pull: boolean) => Promise<unknown>,
): Promise<void> {
  const due = pulls && schedule.isDue();
  if (!due && !queued) return;
  if (due) schedule.start();
  await sync(due);
  if (due) schedule.finish();
}

export interface DeliveryWorkerOptions extends DeliveryOptions {
  /** How often an empty outbox is looked at again (and the staff queue, so an admin's change leaves within it). */
  idleMs?: number;
  /** How often the staff directory's newer changes are fetched from the centre. */
  staffPullMs?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
}

export interface DeliveryWorker {
  /** Stops after the batch in flight (if any) settles; never touches the database afterwards. */
  stop(): Promise<void>;
  /** Looks at the outbox now instead of at the next idle tick (not during a backoff). */
  nudge(): void;
  /** A help call was raised: sends it now, cutting short even a backoff's wait (one try per call raised). */
  sendHelpCallNow(): void;
}

/**
 * The background delivery in the kiosk's main process: history, and both ways of the staff directory (a local admin's
 * changes out, the centre's in). It reads and writes SQLite in short synchronous steps and waits on the network
 * asynchronously, so no kiosk call waits on it, and it never throws: a failure is logged (once per run of
 * failures, then again when delivery recovers), recorded for `fleet status`, and retried after a capped,
 * jittered exponential backoff.
 */
export function startDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const idleMs = options.idleMs ?? 1_000;
  const policy = options.backoff ?? DEFAULT_BACKOFF;
  const staffPullMs = options.staffPullMs ?? DEFAULT_STAFF_PULL_MS;
  const staffPulls = new PullSchedule(staffPullMs);
  // The unit's help calls are read on the centre's word, and at the staff directory's pace otherwise.
  const helpPulls = new PullSchedule(staffPullMs);
  let wakeScheduled = false;
  /** A call raised while this pass was busy: the next pass starts at once instead of after the idle wait. */
  let helpCallRaised = false;
  let stopped = false;
  let failures = 0;
  let wake: (() => void) | null = null;
  let waitingIdle = false;
  /** A notification from the centre: pull now, waking an idle wait (never a backoff), at most once per gap. */
  const wakeForPull = (schedule: PullSchedule) => {
    schedule.request();
    if (!waitingIdle || wakeScheduled) return;
    const early = schedule.untilRequested();
    if (early <= 0) return wake?.();
    wakeScheduled = true;
    setTimeout(() => {
      wakeScheduled = false;
      if (waitingIdle) wake?.();
    }, early).unref?.();
  };
  const delivery = createDelivery({
    ...options,
    onHelpCallsChanged: options.helpCalls ? () => wakeForPull(helpPulls) : undefined,
    onStaffDirectoryChanged: () => wakeForPull(staffPulls),
  });

  const sleep = (ms: number, idle: boolean) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref?.();
      waitingIdle = idle;
      wake = done;
      function done() {
        clearTimeout(timer);
        wake = null;
        waitingIdle = false;
        resolve();
      }
    });

  const loop = async () => {
    while (!stopped) {
      let wait = idleMs;
      let idle = true;
      try {
        helpCallRaised = false;
        await delivery.stayConnected();
        // Help calls before anything (a parent waiting for a nurse), then staff (a disabled nurse matters more than
        // a minute of history), then history.
        await runPull(helpPulls, options.helpCalls !== undefined, countHelpCallOutbox(options.db) > 0, (pull) =>
          delivery.syncHelpCalls(pull),
        );
        await runPull(staffPulls, true, countStaffOutbox(options.db) > 0, async (pull) => {
          const { applied } = await delivery.syncStaff(pull);
          if (applied > 0) options.logger.info?.(`fleet: ${applied} staff change(s) from ${options.server} applied`);
        });
        const { entries, rows } = await delivery.deliverBatch();
        if (failures > 0 && !stopped) {
          options.logger.info?.(`fleet: delivery to ${options.server} works again after ${failures} failed tries`);
        }
        failures = 0;
        if (entries > 0) {
          options.logger.debug?.(`fleet: delivered ${rows} row(s) to ${options.server}`);
          wait = 0;
        }
      } catch (error) {
        if (stopped) break;
        failures += 1;
        const message = describeDeliveryError(error, options.server);
        try {
          noteDeliveryFailure(options.db, message, options.clock.now());
        } catch (noteError) {
          options.logger.error('fleet: could not record a delivery failure', noteError);
        }
        if (failures === 1) options.logger.warn?.(`fleet: ${message}`);
        wait = backoffDelay(failures, policy, options.random);
        idle = false;
      }
      // A notification that came while busy: pull as soon as the gap allows rather than after a whole idle wait.
      if (idle) wait = Math.min(wait, staffPulls.untilRequested(), helpPulls.untilRequested());
      if (helpCallRaised) wait = 0;
      if (wait > 0 && !stopped) await sleep(wait, idle);
    }
  };
  const running = loop().catch((error: unknown) => options.logger.error('fleet: delivery stopped', error));

  return {
    async stop() {
      stopped = true;
      wake?.();
      await delivery.close();
      await running;
    },
    nudge() {
      if (waitingIdle) wake?.();
    },
    sendHelpCallNow() {
      helpCallRaised = true;
      wake?.();
    },
  };
}
