import type { KioskCore, KioskCoreOptions } from '../../core/kiosk-core';
import type { KioskLogger } from '../../core/logging/kiosk-logger';
import { storedBadgeKeyReader } from './fleet-badge-key';
import { startFleetBackground, type FleetBackground } from './fleet-background';
import { answerFleetExport } from './fleet-export';
import { answerFleetReport } from './fleet-report';

export interface KioskFleetWiring {
  /** Core's port for the Reports tab's unit and hospital figures, read with this kiosk's own credentials. */
  fleetReports: NonNullable<KioskCoreOptions['fleetReports']>;
  /** Core's port for the export panel's unit and hospital export, with a reporting role typed for that one export. */
  fleetExports: NonNullable<KioskCoreOptions['fleetExports']>;
  /** Core's port for the room board's other rooms of the unit, from the background's memory (none before it starts). */
  remoteRooms: NonNullable<KioskCoreOptions['remoteRooms']>;
  /** The fleet's badge key, kept with this kiosk's fleet credentials. */
  fleetBadgeKey: NonNullable<KioskCoreOptions['fleetBadgeKey']>;
  /** The four ports above, as core's options take them. */
  corePorts(): Pick<KioskCoreOptions, 'fleetReports' | 'fleetExports' | 'remoteRooms' | 'fleetBadgeKey'>;
  /** Delivery and content packs in the background, only when IT joined this data folder to a fleet (fleet join). */
  startBackground(core: KioskCore, logger: KioskLogger): FleetBackground;
}

/**
 * The optional fleet as a running kiosk uses it, in one place for both ways of running one: the Electron shell and
 * the browser preview (`npm run start:web`). A data folder in no fleet gets no worker, and its Reports tab no scope.
 */
export function kioskFleetWiring(dataFolder: string): KioskFleetWiring {
  let background: FleetBackground | null = null;
  const wiring: KioskFleetWiring = {
    fleetReports: (db, logger) => (request) => answerFleetReport({ ...request, db, dataFolder, logger }),
    fleetExports: (db, logger) => (request) => answerFleetExport({ ...request, db, dataFolder, logger }),
    remoteRooms: () => background?.roomBoard?.view() ?? { status: 'none' },
    fleetBadgeKey: storedBadgeKeyReader(dataFolder),
    corePorts: () => ({
      fleetReports: wiring.fleetReports,
      fleetExports: wiring.fleetExports,
      remoteRooms: wiring.remoteRooms,
      fleetBadgeKey: wiring.fleetBadgeKey,
    }),
    startBackground: (core, logger) => (background = startFleetBackground(core, dataFolder, logger)),
  };
  return wiring;
}
