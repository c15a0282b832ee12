import type { KioskCore } from '../../core/kiosk-core';
import type { KioskLogger } from '../../core/logging/kiosk-logger';
import { readFleetLink } from '../../core/repositories/fleet-outbox-repository';
import { homeRoomStates } from '../../core/services/room-board';
import { startContentPullerIfJoined } from './content-puller';
import { readCredentials } from './fleet-credentials';
import { startFleetDeliveryIfJoined } from './fleet-membership';
import { startRoomBoardSync, type RoomBoardSync } from './room-board-sync';
import { startSettingsPullerIfJoined } from './settings-puller';
import { unitHelpCalls } from './unit-help-calls';

export interface FleetBackground {
  /** The unit's other rooms for the board, when this kiosk belongs to a fleet and its credentials can be read. */
  readonly roomBoard: RoomBoardSync | null;
  /** Stops touching the kiosk's database at once; work in flight is done again next time, which changes nothing. */
  stop(): Promise<void>;
}

/**
 * The fleet's work in the kiosk's main process, only when IT joined this kiosk to one (fleet join): delivery of its
 * history (help calls first, and the unit's calls read back), beside it the content packs published at the centre
 * (checked and stored by core, shown from the next start), the settings published there (checked by core, in use at
 * once), and the live room board shared with the kiosks of its unit. None is on the parent's or nurse's path: all
 * wait on the network asynchronously.
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
  const settings = startSettingsPullerIfJoined({
    db: core.db,
    dataFolder,
    logger,
    offer: (offer) => core.offerCentreSettings(offer),
  });
  const roomBoard = startRoomBoardIfJoined(core, dataFolder, logger);
  return {
    roomBoard,
    async stop() {
      stopSending?.();
      core.helpCalls.attachUnitSource(null);
      await Promise.all([delivery?.stop(), content?.stop(), settings?.stop(), roomBoard?.stop()]);
    },
  };
}

/** The room board's sync when joined; a credentials problem is delivery's to report (fleet status), so not logged. */
function startRoomBoardIfJoined(core: KioskCore, dataFolder: string, logger: KioskLogger): RoomBoardSync | null {
  const link = readFleetLink(core.db);
  if (!link) return null;
  const credentials = readCredentials(dataFolder);
  if ('problem' in credentials) return null;
  return startRoomBoardSync({
    connection: credentials,
    kioskId: link.kioskId,
    server: link.server,
    clock: core.clock,
    logger,
    readHomeRooms: () => homeRoomStates(core.db),
  });
}
