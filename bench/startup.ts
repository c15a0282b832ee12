import { openKioskCore } from '../src/main/core/kiosk-core';
import { median, timeOnce } from './statistics';

/** Time to open the kiosk's database: open, start-up checks, migrations, the first housekeeping. Median of `runs`. */
export async function measureStartup(dataFolder: string, runs = 5): Promise<{ medianMs: number }> {
  const samples: number[] = [];
  for (let index = 0; index < runs; index++) {
    let core: ReturnType<typeof openKioskCore> | undefined;
    samples.push(
      await timeOnce(() => (core = openKioskCore({ dataFolder, backups: false, logger: { error: () => undefined } }))),
    );
    core?.close();
  }
  return { medianMs: median(samples) };
}
