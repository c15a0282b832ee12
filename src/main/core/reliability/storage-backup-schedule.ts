import type { DispatchLogger } from '../api/dispatch';
import type { Clock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { cachedStatement } from '../db/statement-cache';
import { insertAuditEntry } from '../repositories/audit-log-repository';
import { backUpOnline, isBackupDue } from './backups';
import { errorCode } from './storage-errors';

/** After n failed hourly backups in a row, wait 5, 10, 20, 40 then 60 minutes before the next try. */
function backupRetryDelay(failures: number): number {
  return Math.min(5 * 2 ** (failures - 1), 60) * 60_000;
}

/** Rows this connection has changed since it opened (SQLite's total_changes()). */
export function totalChanges(db: KioskDatabase): number {
  return cachedStatement(db, 'SELECT total_changes()').pluck().get() as number;
}

/**
 * Moves whenever the database changed: rows this connection wrote, or a commit by any other connection (a staff
 * command-line tool on the same folder), which SQLite's data_version counts.
 */
export function changeStamp(db: KioskDatabase): string {
  return `${totalChanges(db)}:${String(db.pragma('data_version', { simple: true }))}`;
}

/** Logs a failed backup and, when the database still takes it, audits it where staff read. */
export function reportBackupFailure(
  db: KioskDatabase,
  { clock, logger }: { clock: Clock; logger: DispatchLogger },
  when: string,
  error: unknown,
): void {
  logger.error(`storage: the ${when} backup failed`, error);
  try {
    insertAuditEntry(db, {
      at: clock.now(),
      staffId: null,
      action: 'backup-failed',
      detail: { when, code: errorCode(error) ?? 'unknown' },
    });
  } catch {
    // The database cannot take the entry either (disk full): the log line above is all there can be.
  }
}

export interface HourlyBackups {
  /** An online backup when the last is an hour old and anything changed since; the file, or null when not due. */
  backUpIfDue(): Promise<string | null>;
  /** The change stamp when the last backup began; null before the first. */
  changesAtLastBackup(): string | null;
}

/**
 * The hourly backup: one at a time, only when the database changed, and after failures in a row a growing pause, so
 * a failing disk is not hammered; the audit log gets the first failure of a run, the log every one.
 */
export function scheduleHourlyBackups(
  db: KioskDatabase,
  options: {
    dataFolder: string;
    clock: Clock;
    logger: DispatchLogger;
    mayBackUp: () => boolean;
    closed: () => boolean;
  },
): HourlyBackups {
  const { dataFolder, clock, logger } = options;
  let running: Promise<string | null> | null = null;
  let changesAtBackup: string | null = null;
  let failures = 0;
  let nextTry = 0;

  const backUp = async (): Promise<string | null> => {
    const at = clock.now();
    if (at < nextTry) return null;
    try {
      const changes = changeStamp(db);
      if (changes === changesAtBackup || !isBackupDue(dataFolder, at)) return null;
      // Counted before the copy starts: a write made while it runs makes the next one due.
      const taken = await backUpOnline(db, dataFolder, at);
      changesAtBackup = changes;
      if (failures > 0) logger.info?.(`storage: backups work again after ${failures} failed tries`);
      failures = 0;
      nextTry = 0;
      return taken;
    } catch (error) {
      // A backup cut short by close() is not a failure: close() takes its own.
      if (options.closed()) return null;
      failures++;
      nextTry = at + backupRetryDelay(failures);
      if (failures === 1) reportBackupFailure(db, options, 'hourly', error);
      else logger.error(`storage: the hourly backup failed again (${failures} tries in a row)`, error);
      return null;
    }
  };

  return {
    backUpIfDue() {
      if (!options.mayBackUp()) return Promise.resolve(null);
      running ??= backUp().finally(() => {
        running = null;
      });
      return running;
    },
    changesAtLastBackup: () => changesAtBackup,
  };
}
