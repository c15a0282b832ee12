import type { StorageAlert } from '../../../shared/domain';
import type { DispatchLogger } from '../api/dispatch';
import type { Clock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { checkWholeFileInBackground, type BackgroundCheck } from './background-check';
import { describeLostFile, fileIdentity } from './database-identity';
import { markFullCheckDue, type Recovery } from './open-with-recovery';

interface WatchOptions {
  file: string;
  dataFolder: string;
  clock: Clock;
  logger: DispatchLogger;
}

/** Notices the database file deleted or replaced under the kiosk; from then on the connection writes nothing. */
export function watchForLostFile(db: KioskDatabase, { file, clock, logger }: WatchOptions) {
  const opened = fileIdentity(file);
  let lostFile: StorageAlert | null = null;
  return {
    alert: () => lostFile,
    check(): boolean {
      if (lostFile !== null) return false;
      const lost = describeLostFile(file, opened);
      if (lost === null) return true;
      db.pragma('query_only = ON');
      lostFile = {
        kind: 'write-failed',
        at: clock.now(),
        backupTakenAt: null,
        detail:
          `The database file ${file} ${lost}. Nothing more is saved until the kiosk is restarted, which restores ` +
          'the newest backup and what the file held. IT should check the data folder.',
      };
      logger.error(`storage: ${lostFile.detail}`, null);
      return false;
    },
  };
}

/**
 * The whole-file check after start-up, on a worker thread. Damage found stops every write to the file, puts up the
 * alert, tells the next start to check the whole file (which recovers), and calls onDamage (the shell restarts).
 */
export function watchAfterStartCheck(
  db: KioskDatabase,
  options: WatchOptions & {
    recovery: Recovery | null;
    nativeBinding?: string;
    onDamage?: (reason: string) => void;
    closed: () => boolean;
  },
) {
  const { file, dataFolder, clock, logger } = options;
  let damaged: StorageAlert | null = null;
  let check: BackgroundCheck | null = null;
  let result: Promise<string | null> | null = null;

  const noteDamage = (problem: string) => {
    try {
      markFullCheckDue(dataFolder, problem);
    } catch (error) {
      logger.error('storage: could not note that the next start must check the whole database', error);
    }
    if (db.open) db.pragma('query_only = ON');
    damaged = {
      kind: 'write-failed',
      at: clock.now(),
      backupTakenAt: null,
      detail:
        `The check after start-up found the database file ${file} damaged (${problem.slice(0, 300)}). Nothing more ` +
        'is saved to it. Restarting the kiosk sets it aside and restores the newest sound backup with what the file ' +
        'still holds.',
    };
    logger.error(`storage: ${damaged.detail}`, problem);
    options.onDamage?.(problem);
  };

  return {
    alert: () => damaged,
    start(): Promise<string | null> {
      if (result !== null) return result;
      if (options.closed()) return Promise.resolve(null);
      // A recovery at start-up checked the whole of what it put in place.
      check = options.recovery === null ? checkWholeFileInBackground(file, options.nativeBinding) : null;
      result = (check?.result ?? Promise.resolve(null)).then(
        (problem) => {
          if (problem === null || options.closed()) return null;
          noteDamage(problem);
          return problem;
        },
        (error: unknown) => {
          // The check could not run (the disk, not the file): start-up checks the whole file next time instead.
          logger.error('storage: the database check after start-up could not run', error);
          return null;
        },
      );
      return result;
    },
    stop: () => check?.stop(),
  };
}
