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
import {
  CENTRE_LOOK_EVERY_MS,
  CENTRE_LOOK_FIRST_AFTER_MS,
  startCentreLookLoop,
  type CentreLookLoop,
} from './centre-look-loop';
import { readCredentials } from './fleet-credentials';

/** Packs change rarely; a kiosk that has been off catches up at its start. */
export const CONTENT_PULL_EVERY_MS = CENTRE_LOOK_EVERY_MS;
/** The first look waits until the kiosk's screen is up and the start-up checks have run. */
export const CONTENT_PULL_FIRST_AFTER_MS = CENTRE_LOOK_FIRST_AFTER_MS;

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

export type ContentPuller = CentreLookLoop;

/**
 * Looks for a new pack after `firstAfterMs`, then every `everyMs`; after a failure, again after the delivery
 * worker's backoff. A refused version is not offered again in this run (it is audited once per start).
 * Failures are logged once per run of failures and once when the centre answers again; it never throws.
 */
export function startContentPuller(
  options: ContentPullOptions & { everyMs?: number; firstAfterMs?: number; random?: () => number },
): ContentPuller {
  let refusedUpTo = 0;
  return startCentreLookLoop({
    ...options,
    async look(stopped) {
      const result = await pullContentOnce(
        {
          ...options,
          offer: (offer) => {
            // Stopped while the centre answered: the kiosk is closing, its database may be closed already.
            if (stopped()) return { status: 'current', version: offer.version };
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
      if (result.status === 'refused') refusedUpTo = Math.max(refusedUpTo, result.version);
    },
    messages: {
      failed: (reason) => `fleet: could not look for a new content pack (${reason}); the content shown now stays`,
      back: `fleet: content packs from ${options.server} can be read again`,
      ended: 'fleet: content packs stopped',
    },
  });
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
