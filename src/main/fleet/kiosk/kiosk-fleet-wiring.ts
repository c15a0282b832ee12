import type { Clock } from '../../core/clock';
import type { KioskDatabase } from '../../core/db/open-database';
import type { KioskCoreOptions } from '../../core/kiosk-core';
import type { KioskLogger } from '../../core/logging/kiosk-logger';
import type { DeliveryWorker } from './fleet-delivery';
import { startFleetDeliveryIfJoined } from './fleet-membership';
import { answerFleetReport } from './fleet-report';

export interface KioskFleetWiring {
  /** Core's port for the Reports tab's unit and hospital figures, read with this kiosk's own credentials. */
  fleetReports: NonNullable<KioskCoreOptions['fleetReports']>;
  /** Delivery in the background, only when IT joined this data folder to a fleet (fleet join); null otherwise. */
  startDelivery(core: { db: KioskDatabase; clock: Clock; logger: KioskLogger }): DeliveryWorker | null;
}

/**
 * The optional fleet as a running kiosk uses it, in one place for both ways of running one: the Electron shell and
 * the browser preview (`npm run start:web`). A data folder in no fleet gets no worker, and its Reports tab no scope.
 */
export function kioskFleetWiring(dataFolder: string): KioskFleetWiring {
  return {
    fleetReports: (db, logger) => (request) => answerFleetReport({ ...request, db, dataFolder, logger }),
    startDelivery: ({ db, clock, logger }) => startFleetDeliveryIfJoined({ db, dataFolder, clock, logger }),
  };
}
