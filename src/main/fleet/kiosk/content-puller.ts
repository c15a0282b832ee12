/**
 * Beside the delivery worker, the kiosk looks at the centre every few minutes for a content pack newer than the one it
 * holds, and hands it to core, which accepts it (checked, stored, shown from the next start) or refuses it (the content
 * in use stays). All of it happens off the parent's path: the network is awaited asynchronously, and the only
 * synchronous work is core's check and write of a pack of a few tens of kilobytes. Offline, nothing changes: the
 * last accepted pack stays in the data folder and on screen.
 */
import type { PackOffer, PackOfferAnswer } from '../../core/content/accept-published-pack';
import type { KioskDatabase } from '../../core/db/open-database';
import type { KioskLogger } from '../../core/logging/kiosk-logger';
import { readFleetLink } from '../../core/repositories/fleet-outbox-repository';
import { openCentral, type ConnectionSettings } from '../central/connection-settings';
import { readNewestContentPack } from '../central/content-packs';
import { backoffDelay, DEFAULT_BACKOFF } from './delivery-backoff';
import { describeDeliveryError } from './delivery-errors';
import { readCredentials } from './fleet-credentials';

/** Packs change rarely; a kiosk that has been off catches up at its start. */
export const CONTENT_PULL_EVERY_MS = 5 * 60_000;
/** The first look waits until the kiosk's screen is up and the start-up checks have run. */
export const CONTENT_PULL_FIRST_AFTER_MS = 15_000;

export interface ContentPullOptions {
  connection: ConnectionSettings;
  /** host:port/database, for messages. */
  server: string;
  logger: KioskLogger;
  /** Core's decision on a pack (KioskCore.offerContentPack). */
  offer(offer: PackOffer): PackOfferAnswer;
  /** The version stored in the data folder (KioskCore.publishedContent().stored). */
  storedVersion(): number | null;
  connectTimeoutSeconds?: number;
  queryTimeoutMs?: number;
}

export type PullResult = { status: 'none' } | PackOfferAnswer;

/** One look at the centre: the newest pack above `skipUpTo` and the stored version, offered to core. Throws. */
export async function pullContentOnce(options: ContentPullOptions, skipUpTo = 0): Promise<PullResult> {
  const sql = openCentral(options.connection, {
    connectTimeoutSeconds: options.connectTimeoutSeconds ?? 10,
    queryTimeoutMs: options.queryTimeoutMs ?? 30_000,
  });
  let newest;
  try {
    newest = await readNewestContentPack(sql, Math.max(options.storedVersion() ?? 0, skipUpTo));
  } finally {
    await sql.end();
  }
  return newest ? options.offer(newest) : { status: 'none' };
}

export interface ContentPuller {
  /** Stops after the look in flight (if any) settles. */
  stop(): Promise<void>;
}

/**
 * Looks for a new pack after `firstAfterMs`, then every `everyMs`; after a failure, again after the delivery
 * worker's backoff. A refused version is not offered again in this run (it is audited once per start).
 * Failures are logged once per run of failures and once when the centre answers again; it never throws.
 */
export function startContentPuller(
  options: ContentPullOptions & { everyMs?: number; firstAfterMs?: number; random?: () => number },
): ContentPuller {
  const everyMs = options.everyMs ?? CONTENT_PULL_EVERY_MS;
  let stopped = false;
  let failures = 0;
  let refusedUpTo = 0;
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref?.();
      wake = done;
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
    });

  const loop = async () => {
    await sleep(options.firstAfterMs ?? CONTENT_PULL_FIRST_AFTER_MS);
    while (!stopped) {
      let wait = everyMs;
      try {
        const result = await pullContentOnce(
          {
            ...options,
            offer: (offer) => {
              // Stopped while the centre answered: the kiosk is closing, its database may be closed already.
              if (stopped) return { status: 'current', version: offer.version };
              try {
                return options.offer(offer);
              } catch (error) {
                // The kiosk's own storage failed (a full disk): not the centre's fault; the next look tries again.
                options.logger.error(`fleet: could not keep content pack version ${offer.version}`, error);
                return { status: 'current', version: offer.version };
              }
            },
          },
          refusedUpTo,
        );
        if (stopped) break;
        if (result.status === 'refused') refusedUpTo = Math.max(refusedUpTo, result.version);
        if (failures > 0) options.logger.info?.(`fleet: content packs from ${options.server} can be read again`);
        failures = 0;
      } catch (error) {
        if (stopped) break;
        failures += 1;
        if (failures === 1) {
          options.logger.warn?.(
            `fleet: could not look for a new content pack (${describeDeliveryError(error, options.server, 'the kiosk will look again later')}); ` +
              'the content shown now stays',
          );
        }
        wait = Math.min(everyMs, backoffDelay(failures, DEFAULT_BACKOFF, options.random));
      }
      if (!stopped) await sleep(wait);
    }
  };
  const running = loop().catch((error: unknown) => options.logger.error('fleet: content packs stopped', error));
  return {
    async stop() {
      stopped = true;
      wake?.();
      await running;
    },
  };
}

/** Starts the puller when this kiosk belongs to a fleet and has usable credentials (delivery reports a problem). */
export function startContentPullerIfJoined(
  options: Omit<Parameters<typeof startContentPuller>[0], 'connection' | 'server'> & {
    db: KioskDatabase;
    dataFolder: string;
  },
): ContentPuller | null {
  const link = readFleetLink(options.db);
  if (!link) return null;
  const credentials = readCredentials(options.dataFolder);
  if ('problem' in credentials) return null;
  return startContentPuller({ ...options, connection: credentials, server: link.server });
}
