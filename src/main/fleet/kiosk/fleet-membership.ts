import { systemClock, type Clock } from '../../core/clock';
import { keepCentreSettingsAsOwn } from '../../core/services/centre-settings';
import type { KioskDatabase } from '../../core/db/open-database';
import {
  deleteFleetLink,
  insertFleetLink,
  readFleetLink,
  readOutboxBacklog,
  type FleetLinkRow,
} from '../../core/repositories/fleet-outbox-repository';
import { countStaffOutbox, readStaffPullCursor } from '../../core/repositories/fleet-staff-repository';
import { openCentral, transportProblem, type ConnectionSettings } from '../central/connection-settings';
import { decodeEnrolment } from '../central/enrolment';
import { readOwnRegistration } from '../central/history-upload';
import { readFleetBadgeKey } from '../central/staff-directory';
import { describeDeliveryError } from './delivery-errors';
import {
  credentialsSealedWith,
  readCredentials,
  readStoredBadgeKey,
  removeCredentials,
  sealStoredCredentials,
  storeBadgeKey,
  writeCredentials,
} from './fleet-credentials';
import { startDeliveryWorker, type DeliveryWorker, type DeliveryWorkerOptions } from './fleet-delivery';

/** A refusal of fleet join, status or leave, with a sentence for the person at the terminal. Nothing was changed. */
export class FleetMembershipError extends Error {}

export function serverLabel(settings: Pick<ConnectionSettings, 'host' | 'port' | 'database' | 'tls'>): string {
  return `${settings.host}:${settings.port}/${settings.database} (TLS ${settings.tls})`;
}

export interface JoinResult {
  kioskId: string;
  kioskName: string;
  unit: string | null;
  /** Rows of history already on this kiosk, now queued for delivery. */
  queued: number;
}

/**
 * Joins the fleet an enrolment string names: checks that its credentials log in and name a registered kiosk, keeps
 * them beside the database (0600; encrypted where the OS keystore is installed), records the fleet and queues this kiosk's history, which delivery then uploads.
 * Refused, changing nothing, when the kiosk already belongs to a fleet or the centre cannot confirm the enrolment.
 */
export async function joinFleet(input: {
  db: KioskDatabase;
  dataFolder: string;
  enrolment: string;
  clock: Clock;
  allowPlaintext?: boolean;
  ca?: string;
  connectTimeoutSeconds?: number;
}): Promise<JoinResult> {
  const current = readFleetLink(input.db);
  if (current) {
    throw new FleetMembershipError(
      `This kiosk already belongs to a fleet, as "${current.kioskName}" at ${current.server}: run fleet leave first.`,
    );
  }
  let enrolment;
  try {
    enrolment = decodeEnrolment(input.enrolment);
  } catch (error) {
    throw new FleetMembershipError((error as Error).message);
  }
  const settings: ConnectionSettings = {
    ...enrolment.connection,
    ...(input.ca === undefined ? {} : { ca: input.ca }),
    ...(input.allowPlaintext ? { allowPlaintext: true } : {}),
  };
  const refused = transportProblem(settings);
  if (refused) throw new FleetMembershipError(refused);
  const server = serverLabel(settings);

  const sql = openCentral(settings, { connectTimeoutSeconds: input.connectTimeoutSeconds ?? 10 });
  let registration;
  let badgeKey: Buffer | null = null;
  try {
    registration = await readOwnRegistration(sql);
    if (registration) badgeKey = await readFleetBadgeKey(sql);
  } catch (error) {
    throw new FleetMembershipError(`Could not join: ${describeDeliveryError(error, server)}`);
  } finally {
    await sql.end();
  }
  if (!registration || registration.kioskId !== settings.user) {
    throw new FleetMembershipError(
      `The fleet database at ${server} has no registered kiosk ${settings.user} (removed since the string was made?): ask IT for a new enrolment string.`,
    );
  }

  // Credentials first: if the kiosk stops between the two, it is simply not joined yet and join can run again.
  writeCredentials(input.dataFolder, settings, undefined, badgeKey);
  try {
    const queued = insertFleetLink(input.db, {
      kioskId: registration.kioskId,
      kioskName: registration.name,
      unit: registration.unit,
      server,
      joinedAt: input.clock.now(),
    });
    return { kioskId: registration.kioskId, kioskName: registration.name, unit: registration.unit, queued };
  } catch (error) {
    removeCredentials(input.dataFolder);
    throw error;
  }
}

export interface FleetStatus {
  link: FleetLinkRow;
  /** The newest staff directory change applied here (0: none yet), and this kiosk's staff changes still to send. */
  staff: { lastChangeNo: number; waiting: number };
  backlog: number;
  /** Milliseconds the oldest undelivered change has waited (system clock), or 0. */
  lagMs: number;
  /** Set when the kiosk cannot deliver until IT acts (e.g. the credentials file is missing). */
  credentialsProblem?: string;
  /** The OS keystore the credentials are encrypted with, or null: a plain file readable by the app's user only. */
  credentialsSealedWith: string | null;
}

/** What `fleet status` shows, from this kiosk's own database alone (it works with the network down). */
export function fleetStatus(db: KioskDatabase, dataFolder: string, now: number = Date.now()): FleetStatus | null {
  const link = readFleetLink(db);
  if (!link) return null;
  const backlog = readOutboxBacklog(db);
  const credentials = readCredentials(dataFolder);
  return {
    link,
    staff: { lastChangeNo: readStaffPullCursor(db), waiting: countStaffOutbox(db) },
    backlog: backlog.rows,
    lagMs: backlog.oldestQueuedAt === null ? 0 : Math.max(0, now - backlog.oldestQueuedAt),
    credentialsSealedWith: credentialsSealedWith(dataFolder),
    ...('problem' in credentials ? { credentialsProblem: credentials.problem } : {}),
  };
}

/**
 * Leaves the fleet: stops queueing, drops the undelivered backlog and the credentials, and keeps the settings the
 * centre decided as the kiosk's own. Refused while changes wait
 * unless `discardUndelivered`, since they would never reach the centre. Rows already delivered stay there.
 */
export function leaveFleet(input: {
  db: KioskDatabase;
  dataFolder: string;
  discardUndelivered?: boolean;
  clock?: Clock;
}): {
  dropped: number;
} {
  const link = readFleetLink(input.db);
  if (!link) throw new FleetMembershipError('This kiosk does not belong to a fleet.');
  // A local admin's staff changes not yet at the centre count too: leaving would lose them.
  const rows = readOutboxBacklog(input.db).rows + countStaffOutbox(input.db);
  if (rows > 0 && !input.discardUndelivered) {
    throw new FleetMembershipError(
      `${rows} change(s) have not reached the fleet yet. Let delivery finish (see fleet status), or leave anyway with --discard-undelivered.`,
    );
  }
  const dropped = input.db.transaction(() => {
    keepCentreSettingsAsOwn(input.db, input.clock ?? systemClock);
    return deleteFleetLink(input.db);
  })();
  removeCredentials(input.dataFolder);
  return { dropped };
}

/**
 * Starts delivery when this kiosk belongs to a fleet; null otherwise. A missing or damaged credentials file is
 * recorded for `fleet status` and logged, and the kiosk carries on queueing.
 */
export function startFleetDeliveryIfJoined(
  options: Omit<DeliveryWorkerOptions, 'connection' | 'kioskId' | 'server'> & { dataFolder: string },
): DeliveryWorker | null {
  const link = readFleetLink(options.db);
  if (!link) return null;
  // Joined through the plain-Node command line: the installed app encrypts the file with the OS keystore now.
  if (sealStoredCredentials(options.dataFolder)) {
    options.logger.info?.("fleet: credentials encrypted with the operating system's keystore");
  }
  const credentials = readCredentials(options.dataFolder);
  if ('problem' in credentials) {
    options.logger.warn?.(`fleet: ${credentials.problem}`);
    return null;
  }
  options.logger.info?.(`fleet: delivering to ${link.server} as ${link.kioskId} ("${link.kioskName}")`);
  // Joined before the centre had a badge key (or its fetch failed): fetched at the next pull, once.
  let haveBadgeKey = readStoredBadgeKey(options.dataFolder) !== null;
  return startDeliveryWorker({
    ...options,
    connection: credentials,
    kioskId: link.kioskId,
    server: link.server,
    badgeKey: {
      needed: () => !haveBadgeKey,
      store: (key) => {
        haveBadgeKey = storeBadgeKey(options.dataFolder, key);
        if (haveBadgeKey) options.logger.info?.("fleet: the fleet's badge key is kept with the credentials");
      },
    },
  });
}
