import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { databasePath } from '../src/main/core/data-folder';
import { openKioskCore, type KioskCore } from '../src/main/core/kiosk-core';
import { insertRoom } from '../src/main/core/repositories/rooms-repository';
import { seedStaff } from '../src/main/core/testing/seed-staff';
import { median, percentile, timeOnce } from './statistics';

const quiet = { error: () => undefined };
const open = (dataFolder: string) => openKioskCore({ dataFolder, backups: false, logger: quiet });

/** An empty kiosk to compare with: set up (an admin) with the same rooms, no history. */
export async function prepareEmptyKiosk(dataFolder: string, rooms: number): Promise<void> {
  if (existsSync(databasePath(dataFolder))) return;
  const core = open(dataFolder);
  await seedStaff(core.db, { staffNumber: '99999998', pin: '13571357', role: 'admin' });
  core.db.transaction(() => {
    for (let room = 1; room <= rooms; room++) insertRoom(core.db, { name: `Room ${room}` });
  })();
  core.close();
}

/**
 * Drops the database files from the page cache (posix_fadvise DONTNEED through GNU dd's `iflag=nocache`), so the
 * next open reads them from disk. Works for a file with no dirty pages, without root.
 */
export function evictFromPageCache(dataFolder: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    const file = `${databasePath(dataFolder)}${suffix}`;
    if (!existsSync(file)) continue;
    const dd = spawnSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']);
    if (dd.status !== 0) throw new Error(`could not evict ${file} from the page cache: ${String(dd.stderr)}`);
  }
}

/** Start-up until the room board has what it shows: open (checks, migrations, housekeeping), status, rooms. */
async function startToBoard(dataFolder: string): Promise<{ ms: number; core: KioskCore }> {
  let core: KioskCore | undefined;
  const ms = await timeOnce(async () => {
    core = open(dataFolder);
    const status = await core.dispatch('getKioskStatus', {});
    const rooms = await core.dispatch('listRooms', {});
    if (!status.ok || !rooms.ok) throw new Error('the board could not be read');
  });
  return { ms, core: core! };
}

export interface StartupComparison {
  medianMs: number;
  emptyMedianMs: number;
  /** Median of the per-pair ratios (each pair measured back to back). */
  ratio: number;
}

/**
 * Start-up to the board on the seeded kiosk against an empty one, alternating which goes first, `runs` pairs.
 * `cold`: both databases are evicted from the page cache before each start.
 */
export async function compareStartup(
  dataFolder: string,
  emptyFolder: string,
  { runs = 5, cold = false }: { runs?: number; cold?: boolean } = {},
): Promise<StartupComparison> {
  const ours: number[] = [];
  const empty: number[] = [];
  const ratios: number[] = [];
  // One pair first, not counted: it loads the code both measure.
  for (let index = -1; index < runs; index++) {
    const pair: Record<string, number> = {};
    for (const [name, folder] of index % 2 === 0
      ? [
          ['empty', emptyFolder],
          ['ours', dataFolder],
        ]
      : [
          ['ours', dataFolder],
          ['empty', emptyFolder],
        ]) {
      if (cold) evictFromPageCache(folder!);
      const { ms, core } = await startToBoard(folder!);
      core.close();
      pair[name!] = ms;
    }
    if (index < 0) continue;
    ours.push(pair.ours!);
    empty.push(pair.empty!);
    ratios.push(pair.ours! / pair.empty!);
  }
  return { medianMs: median(ours), emptyMedianMs: median(empty), ratio: median(ratios) };
}

export interface BackgroundCheckFigures {
  /** The whole-file check on its worker thread, from start to answer. */
  checkMs: number;
  /** getKioskStatus answered while the check ran: median and worst, against the same calls with no check. */
  callMedianMs: number;
  callMaxMs: number;
  idleCallMedianMs: number;
}

/** The check after start-up, timed, and how the kiosk answers while it runs. */
export async function measureBackgroundCheck(dataFolder: string): Promise<BackgroundCheckFigures> {
  const core = open(dataFolder);
  try {
    const call = async () => timeOnce(() => core.dispatch('getKioskStatus', {}));
    const idle: number[] = [];
    for (let index = 0; index < 50; index++) idle.push(await call());
    const during: number[] = [];
    let done = false;
    const started = performance.now();
    const check = core.storage.checkInBackground().then((problem) => {
      done = true;
      if (problem !== null) throw new Error(`the seeded database is damaged: ${problem}`);
      return performance.now() - started;
    });
    while (!done) {
      during.push(await call());
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return {
      checkMs: await check,
      callMedianMs: median(during),
      callMaxMs: percentile(during, 1),
      idleCallMedianMs: median(idle),
    };
  } finally {
    core.close();
  }
}
