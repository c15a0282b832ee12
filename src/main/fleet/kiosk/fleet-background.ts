import type { KioskCore } from '../../core/kiosk-core';
import type { KioskLogger } from '../../core/logging/kiosk-logger';
import { startContentPullerIfJoined } from './content-puller';
import { startFleetDeliveryIfJoined } from './fleet-membership';
import { startSettingsPullerIfJoined } from './settings-puller';

export interface FleetBackground {
  /** Stops touching the kiosk's database at once; work in flight is done again next time, which changes nothing. */
  stop(): Promise<void>;
}

/**
 * The fleet's work in the kiosk's main process, only when IT joined this kiosk to one (fleet join): delivery of its
 * history, and beside it the content packs published at the centre (checked and stored by core, shown from the next
 * start) and the settings published there (checked by core, in use at once). None is on the parent's path: each
 * waits on the network asynchronously.
 */
export function startFleetBackground(core: KioskCore, dataFolder: string, logger: KioskLogger): FleetBackground {
  const delivery = startFleetDeliveryIfJoined({ db: core.db, dataFolder, clock: core.clock, logger });
  const content = startContentPullerIfJoined({
    db: core.db,
    dataFolder,
    logger,
    offer: (offer) => core.offerContentPack(offer),
    storedVersion: () => core.publishedContent().stored,
  });
  const settings = startSettingsPullerIfJoined({
    db: core.db,
    dataFolder,
    logger,
    offer: (offer) => core.offerCentreSettings(offer),
  });
  return {
    async stop() {
      await Promise.all([delivery?.stop(), content?.stop(), settings?.stop()]);
    },
  };
}
