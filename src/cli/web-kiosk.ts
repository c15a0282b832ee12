import { join } from 'node:path';
import { startBridge, type BridgeOptions, type RunningBridge } from '../bridge/bridge-server';
import { createFileLogger, LOG_FOLDER } from '../main/core/logging/file-logger';
import { kioskFleetWiring } from '../main/fleet/kiosk/kiosk-fleet-wiring';

/**
 * The kiosk in a browser as `npm run start:web` runs it: the loopback bridge, plus the optional fleet wired exactly as
 * the Electron shell wires it (kioskFleetWiring): the Reports tab's unit and hospital figures, and delivery and content
 * packs in the background when the data folder joined a fleet (the export panel's fleet export is the app's only). A data folder in no fleet gets the bridge alone.
 * The e2e tests start their kiosks through this too, so they run the preview's very wiring.
 */
export async function startWebKiosk(
  options: Omit<BridgeOptions, 'fleetReports' | 'remoteRooms' | 'fleetBadgeKey'>,
): Promise<RunningBridge> {
  const fleet = kioskFleetWiring(options.dataFolder);
  const logger =
    options.logger ??
    createFileLogger({ folder: join(options.dataFolder, LOG_FOLDER), level: options.logLevel, echo: true });
  const bridge = await startBridge({
    ...options,
    logger,
    fleetReports: fleet.fleetReports,
    remoteRooms: fleet.remoteRooms,
    fleetBadgeKey: fleet.fleetBadgeKey,
  });
  const background = fleet.startBackground(bridge.core, logger);
  let closing: Promise<void> | undefined;
  return {
    ...bridge,
    close() {
      // The worker first: it stops touching the database at once (a batch in flight is sent again next time, which
      // changes nothing), and only then does the bridge close the database.
      closing ??= (async () => {
        const stopped = background.stop();
        await bridge.close();
        await stopped;
      })();
      return closing;
    },
  };
}
