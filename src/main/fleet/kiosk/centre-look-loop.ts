/**
 * The cadence of the kiosk's looks at the centre for what is published there (content packs, settings): a first look
 * once the kiosk is up, then one every few minutes; after a failure, again after the delivery worker's backoff (never
 * later than the usual cadence). Failures are logged once per run of failures and once when the centre answers
 * again; it never throws.
 */
import type { KioskLogger } from '../../core/logging/kiosk-logger';
import { backoffDelay, DEFAULT_BACKOFF } from './delivery-backoff';
import { describeDeliveryError } from './delivery-errors';
import { wakeableSleep } from './wakeable-sleep';

/** Published things change rarely; a kiosk that has been off catches up at its start. */
export const CENTRE_LOOK_EVERY_MS = 5 * 60_000;
/** The first look waits until the kiosk's screen is up and the start-up checks have run. */
export const CENTRE_LOOK_FIRST_AFTER_MS = 15_000;

export interface CentreLookLoopOptions {
  logger: KioskLogger;
  /** host:port/database, for messages. */
  server: string;
  everyMs?: number;
  firstAfterMs?: number;
  random?: () => number;
  /** One look; throws when the centre fails. `stopped()` turns true once the kiosk is closing. */
  look(stopped: () => boolean): Promise<void>;
  /** What the log says: the first failure of a run (with the reason), the centre back, the loop ended by a bug. */
  messages: { failed(reason: string): string; back: string; ended: string };
}

export interface CentreLookLoop {
  /** Stops after the look in flight (if any) settles. */
  stop(): Promise<void>;
}

export function startCentreLookLoop(options: CentreLookLoopOptions): CentreLookLoop {
  const everyMs = options.everyMs ?? CENTRE_LOOK_EVERY_MS;
  let stopped = false;
  let failures = 0;
  const { sleep, wake } = wakeableSleep();

  const loop = async () => {
    await sleep(options.firstAfterMs ?? CENTRE_LOOK_FIRST_AFTER_MS);
    while (!stopped) {
      let wait = everyMs;
      try {
        await options.look(() => stopped);
        if (stopped) break;
        if (failures > 0) options.logger.info?.(options.messages.back);
        failures = 0;
      } catch (error) {
        if (stopped) break;
        failures += 1;
        if (failures === 1)
          options.logger.warn?.(
            options.messages.failed(describeDeliveryError(error, options.server, 'the kiosk will look again later')),
          );
        wait = Math.min(everyMs, backoffDelay(failures, DEFAULT_BACKOFF, options.random));
      }
      if (!stopped) await sleep(wait);
    }
  };
  const running = loop().catch((error: unknown) => options.logger.error(options.messages.ended, error));
  return {
    async stop() {
      stopped = true;
      wake();
      await running;
    },
  };
}
