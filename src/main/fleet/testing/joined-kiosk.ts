/**
 * Test kiosks in a fleet: joined as IT and the kiosk would (a registration at the centre, then its enrolment string),
 * and delivering in this process, batch by batch or through the background worker.
 */
import { systemClock, type Clock } from '../../core/clock';
import type { KioskLogger } from '../../core/logging/kiosk-logger';
import type { ConnectionSettings } from '../central/connection-settings';
import { readCredentials } from '../kiosk/fleet-credentials';
import { createDelivery, type DeliveryWorker, type DeliveryWorkerOptions } from '../kiosk/fleet-delivery';
import { joinFleet, startFleetDeliveryIfJoined } from '../kiosk/fleet-membership';
import { createTestKiosk, enrolKiosk, type TestKiosk } from './test-kiosk';

/** A logger that keeps nothing: for tests that check the outcome, not what was said about it. */
export const silentLogger: KioskLogger = { error: () => undefined, warn: () => undefined, info: () => undefined };

/** Registers `name` at the centre with the owner's credentials and joins the kiosk with its enrolment string. */
export async function joinTestKiosk(owner: ConnectionSettings, kiosk: TestKiosk, name: string, clock = systemClock) {
  const { kioskId, enrolment } = await enrolKiosk(owner, name);
  const joined = await joinFleet({ db: kiosk.db, dataFolder: kiosk.folder, enrolment, clock });
  return { kioskId, enrolment, joined };
}

/** A new test kiosk with `visits` whole visits of history (stamped by `clock` when given), joined as `name`. */
export async function joinedTestKiosk(
  owner: ConnectionSettings,
  name: string,
  options: { visits?: number; clock?: Clock } = {},
) {
  const kiosk = createTestKiosk({ clock: options.clock });
  kiosk.writeVisits(options.visits ?? 0);
  return { kiosk, ...(await joinTestKiosk(owner, kiosk, name, options.clock)) };
}

/** The connection settings join stored in the kiosk's data folder. */
export function storedCredentials(kiosk: TestKiosk): ConnectionSettings {
  const credentials = readCredentials(kiosk.folder);
  if ('problem' in credentials) throw new Error(credentials.problem);
  return credentials;
}

/** Delivers the kiosk's whole outbox in this process; answers how many batches carried something. */
export async function deliverEverything(
  kiosk: TestKiosk,
  kioskId: string,
  options: { batchSize?: number } = {},
): Promise<number> {
  const delivery = createDelivery({
    db: kiosk.db,
    connection: storedCredentials(kiosk),
    kioskId,
    server: 'test',
    clock: systemClock,
    logger: silentLogger,
    batchSize: options.batchSize,
  });
  try {
    let batches = 0;
    while ((await delivery.deliverBatch()).entries > 0) batches++;
    return batches;
  } finally {
    await delivery.close();
  }
}

/**
 * The joined kiosk's background delivery, looking at an empty outbox every 20 ms (the app waits a second) and
 * logging nothing, unless the options say otherwise.
 */
export function startTestDelivery(
  kiosk: TestKiosk,
  options: Partial<Omit<DeliveryWorkerOptions, 'db' | 'connection' | 'kioskId' | 'server'>> = {},
): DeliveryWorker {
  const worker = startFleetDeliveryIfJoined({
    clock: systemClock,
    logger: silentLogger,
    idleMs: 20,
    ...options,
    db: kiosk.db,
    dataFolder: kiosk.folder,
  });
  if (!worker) throw new Error('This kiosk is in no fleet.');
  return worker;
}
