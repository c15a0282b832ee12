import type { KioskCore, KioskCoreOptions } from '../../core/kiosk-core';
import type { KioskLogger } from '../../core/logging/kiosk-logger';
import { storedBadgeKeyReader } from './fleet-badge-key';
import { startFleetBackground, type FleetBackground } from './fleet-background';
import { answerFleetExport } from './fleet-export';
import { answerFleetReport } from './fleet-report';

export interface KioskFleetWiring {
  corePorts: {
    /** The Reports tab's unit and hospital figures, read with this kiosk's own credentials. */
    fleetReports: NonNullable<KioskCoreOptions['fleetReports']>;
    /** The export panel's unit and hospital export, with a reporting role typed for that one export. */
    fleetExports: NonNullable<KioskCoreOptions['fleetExports']>;
    /** The fleet's badge key, kept with this kiosk's fleet credentials. */
    fleetBadgeKey: NonNullable<KioskCoreOptions['fleetBadgeKey']>;
  };
  /** Delivery and content packs in the background, only when IT joined this data folder to a fleet (fleet join). */
  startBackground(core: KioskCore, logger: KioskLogger): FleetBackground;
}

/**
 * The optional fleet as a running kiosk uses it, in one place for both ways of running one: the Electron shell and
 * the browser preview (`npm run start:web`). A data folder in no fleet gets no worker, and its Reports tab no scope.
 */
export function kioskFleetWiring(dataFolder: string): KioskFleetWiring {
  return {
    corePorts: {
      fleetReports: (db, logger) => (request) => answerFleetReport({ ...request, db, dataFolder, logger }),
      fleetExports: (db, logger) => (request) => answerFleetExport({ ...request, db, dataFolder, logger }),
      fleetBadgeKey: storedBadgeKeyReader(dataFolder),
    },
    startBackground: (core, logger) => startFleetBackground(core, dataFolder, logger),
  };
}
