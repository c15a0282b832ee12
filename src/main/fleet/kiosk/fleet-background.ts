import type { KioskCore } from '../../core/kiosk-core';
import type { KioskLogger } from '../../core/logging/kiosk-logger';
import { startContentPullerIfJoined } from './content-puller';
import { startFleetDeliveryIfJoined } from './fleet-membership';
import { unitHelpCalls } from './unit-help-calls';

export interface FleetBackground {
  /** Stops touching the kiosk's database at once; work in flight is done again next time, which changes nothing. */
  stop(): Promise<void>;
}

/**
 * The fleet's work in the kiosk's main process, only when IT joined this kiosk to one (fleet join): delivery of its
 * history (help calls first, and the unit's calls read back), and beside it the content packs published at the centre (checked and stored by core, shown from the next
 * start). Neither is on the parent's path: both wait on the network asynchronously.
 */
export function startFleetBackground(core: KioskCore, dataFolder: string, logger: KioskLogger): FleetBackground {
  const unitCalls = unitHelpCalls(dataFolder, logger);
  const delivery = startFleetDeliveryIfJoined({
    db: core.db,
    dataFolder,
    clock: core.clock,
    logger,
    helpCalls: {
      noteAnsweredElsewhere: (...answer) => core.helpCalls.noteAnsweredElsewhere(...answer),
      setUnitCalls: (calls) => unitCalls.set(calls),
    },
  });
  // A call raised here leaves at once, ahead of any history; the unit's calls are shown and answered here.
  const stopSending = delivery ? core.helpCalls.onRaised(() => delivery.sendHelpCallNow()) : undefined;
  if (delivery) core.helpCalls.attachUnitSource(unitCalls);
  const content = startContentPullerIfJoined({
    db: core.db,
    dataFolder,
    logger,
    offer: (offer) => core.offerContentPack(offer),
    storedVersion: () => core.publishedContent().stored,
  });
  return {
    async stop() {
      stopSending?.();
      core.helpCalls.attachUnitSource(null);
      await Promise.all([delivery?.stop(), content?.stop()]);
    },
  };
}
