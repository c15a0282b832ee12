/**
 * Beside the delivery worker, at the content packs' cadence, the kiosk asks the centre for the newest settings
 * published for its hospital and its unit, and hands them to core, which uses them at once or refuses them (the
 * settings in use stay). The network is awaited asynchronously, off the parent's path; offline, nothing changes: the
 * last settings the kiosk accepted stay in its database and in use.
 */
import type { CentreSettingsAnswer, CentreSettingsOffer } from '../../core/services/centre-settings';
import type { KioskDatabase } from '../../core/db/open-database';
import type { KioskLogger } from '../../core/logging/kiosk-logger';
import { readFleetLink } from '../../core/repositories/fleet-outbox-repository';
import { openCentral, type ConnectionSettings } from '../central/connection-settings';
import { readSettingsForKiosk } from '../central/published-settings';
import { startCentreLookLoop, type CentreLookLoop } from './centre-look-loop';
import { readCredentials } from './fleet-credentials';

export interface SettingsPullOptions {
  connection: ConnectionSettings;
  /** host:port/database, for messages. */
  server: string;
  logger: KioskLogger;
  /** Core's decision on the centre's settings (KioskCore.offerCentreSettings). */
  offer(offer: CentreSettingsOffer): CentreSettingsAnswer;
  connectTimeoutSeconds?: number;
  queryTimeoutMs?: number;
}

/** One look at the centre: what it publishes for this kiosk now, offered to core. Throws when the centre fails. */
export async function readCentreSettingsOffer(options: SettingsPullOptions): Promise<CentreSettingsOffer> {
  const sql = openCentral(options.connection, {
    connectTimeoutSeconds: options.connectTimeoutSeconds ?? 10,
    queryTimeoutMs: options.queryTimeoutMs ?? 30_000,
  });
  try {
    return await readSettingsForKiosk(sql);
  } finally {
    await sql.end();
  }
}

export async function pullSettingsOnce(options: SettingsPullOptions): Promise<CentreSettingsAnswer> {
  return options.offer(await readCentreSettingsOffer(options));
}

export type SettingsPuller = CentreLookLoop;

const sameVersions = (offer: CentreSettingsOffer, answer: { hospital: number | null; unit: number | null }) =>
  (offer.hospital?.version ?? null) === answer.hospital && (offer.unit?.version ?? null) === answer.unit;

/**
 * Looks after `firstAfterMs`, then every `everyMs` (the content packs' cadence); after a failure, again after the
 * delivery worker's backoff. An offer refused once is not offered again in this run (it is audited once per start);
 * the next version is. Failures are logged once per run of failures and once when the centre answers again.
 */
export function startSettingsPuller(
  options: SettingsPullOptions & { everyMs?: number; firstAfterMs?: number; random?: () => number },
): SettingsPuller {
  let refused: { hospital: number | null; unit: number | null } | null = null;
  return startCentreLookLoop({
    ...options,
    async look(stopped) {
      const offer = await readCentreSettingsOffer(options);
      // Stopped while the centre answered: the kiosk is closing, its database may be closed already.
      if (stopped() || (refused && sameVersions(offer, refused))) return;
      try {
        const answer = options.offer(offer);
        if (answer.status === 'refused') refused = answer;
      } catch (error) {
        // The kiosk's own storage failed (a full disk): not the centre's fault; the next look tries again.
        options.logger.error('fleet: could not keep the centre’s settings', error);
      }
    },
    messages: {
      failed: (reason) => `fleet: could not look for the centre’s settings (${reason}); the settings in use stay`,
      back: `fleet: settings from ${options.server} can be read again`,
      ended: 'fleet: settings stopped',
    },
  });
}

/** Starts the puller when this kiosk belongs to a fleet and has usable credentials (delivery reports a problem). */
export function startSettingsPullerIfJoined(
  options: Omit<Parameters<typeof startSettingsPuller>[0], 'connection' | 'server'> & {
    db: KioskDatabase;
    dataFolder: string;
  },
): SettingsPuller | null {
  const link = readFleetLink(options.db);
  if (!link) return null;
  const credentials = readCredentials(options.dataFolder);
  if ('problem' in credentials) return null;
  return startSettingsPuller({ ...options, connection: credentials, server: link.server });
}
