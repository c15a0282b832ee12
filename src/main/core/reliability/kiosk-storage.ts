import type { StorageAlert, StorageAlertKind } from '../../../shared/domain';
import type { Dispatch, DispatchLogger } from '../api/dispatch';
import type { Clock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { cachedStatement } from '../db/statement-cache';
import { databasePath } from '../data-folder';
import { insertAuditEntry } from '../repositories/audit-log-repository';
import { countActiveAdmins } from '../repositories/staff-repository';
import { backUpNow, backUpOnline, isBackupDue, listBackups } from './backups';
import { describeLostFile, fileIdentity } from './database-identity';
import { markFolderHeldKiosk } from './folder-marker';
import { checkWholeFileInBackground, type BackgroundCheck } from './background-check';
import { markFullCheckDue, openKioskDatabase, type Recovery } from './open-with-recovery';
import { readStorageAlert } from './storage-alert';
import { errorCode } from './storage-errors';

export interface KioskStorageOptions {
  dataFolder: string;
  clock: Clock;
  logger: DispatchLogger;
  nativeBinding?: string;
  /** Hourly and closing backups into <dataFolder>/backups. */
  backups: boolean;
  /**
   * The check after start-up found the database damaged (the shell restarts the kiosk, whose start-up then recovers).
   * Called once, after the alert is up, writes are stopped and the next start is told to check the whole file.
   */
  onDamage?: (reason: string) => void;
}

export interface KioskStorage {
  readonly db: KioskDatabase;
  /** What start-up recovery did, if anything. */
  readonly recovery: Recovery | null;
  /** The alert staff should see: a save that failed since start-up, else a recovery not yet dismissed. */
  alert(): StorageAlert | null;
  /** Dispatch calls this when a write fails for lack of storage (SQLITE_FULL, SQLITE_READONLY, …). */
  noteStorageFailure(error: unknown): void;
  /**
   * True while the database file is still the one opened. Once it is deleted or replaced, the connection refuses
   * every write (they would land in a file no one can open again) and the alert stays until a restart recovers.
   * Dispatch checks before each call; housekeeping every minute.
   */
  checkFile(): boolean;
  /**
   * Copies what the WAL holds into the database file without waiting for anyone (PASSIVE), so a WAL lost to a disk
   * fault costs at most the writes since the last minute's checkpoint. Housekeeping runs it every minute.
   */
  checkpoint(): void;
  /** Records that this folder holds a set-up kiosk (after first-run setup), so a lost database never offers setup. */
  markHeldKiosk(): void;
  /**
   * Wraps dispatch so that a save failure clears itself (audited) once a call commits a write again: a call that
   * answered ok after changing rows has committed them, since a failed commit throws and answers an error.
   */
  clearFailureOnWrite(dispatch: Dispatch): Dispatch;
  /**
   * Takes an online backup when none was taken in the last hour and the database changed (here or through another
   * program on the folder) since this process's last backup (the first check after start-up does not ask: a crash
   * may have left writes no backup holds). Answers the file, or null when not due.
   */
  backUpIfDue(): Promise<string | null>;
  /**
   * The whole-file check start-up leaves out (it checks only the tables that do not grow with history), on a worker
   * thread; runs once, later calls answer the same. Damage found takes the start-up recovery's path: the next start
   * checks the whole file, sets the damaged file aside and restores the newest sound backup with what the file held,
   * under the same alert. Until then the alert is up and nothing more is written to the damaged file. Answers the
   * problem, or null when the file is sound or the kiosk closed first.
   */
  checkInBackground(): Promise<string | null>;
  /** A last backup (when anything changed since the last backup, or none exists yet), then closes the database. */
  close(): void;
}

function failureKind(error: unknown): StorageAlertKind {
  const code = errorCode(error) ?? '';
  if (code === 'SQLITE_FULL') return 'disk-full';
  if (code.startsWith('SQLITE_READONLY')) return 'read-only';
  return 'write-failed';
}

/** The database of a data folder with its safety net: start-up check and recovery, backups, storage alerts. */
export function openKioskStorage(options: KioskStorageOptions): KioskStorage {
  const { dataFolder, clock, logger } = options;
  const { db, recovery } = openKioskDatabase(options);
  let failure: StorageAlert | null = null;
  /** Counts noted failures, so a call that overlapped a newer failure does not clear it. */
  let failuresNoted = 0;
  let running: Promise<string | null> | null = null;
  let closed = false;
  /** The database's change stamp when the last backup began; null before the first. */
  let changesAtBackup: string | null = null;
  const changesAtOpen = changeStamp(db);
  /** Hourly backups that failed in a row, and when the next may be tried: a failing disk is not hammered. */
  let backupFailures = 0;
  let nextBackupTry = 0;
  const file = databasePath(dataFolder);
  const opened = fileIdentity(file);
  let lostFile: StorageAlert | null = null;
  /** Set when the check after start-up found damage: the file is no longer written, not even by a backup. */
  let damaged: StorageAlert | null = null;
  let backgroundCheck: BackgroundCheck | null = null;
  let backgroundResult: Promise<string | null> | null = null;
  if (countActiveAdmins(db) > 0) markFolderHeldKiosk(dataFolder, clock.now());

  const reportBackupFailure = (when: string, error: unknown) => {
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
  };

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

  const storage: KioskStorage = {
    db,
    recovery,
    alert: () => damaged ?? lostFile ?? failure ?? readStorageAlert(db),

    checkInBackground() {
      if (backgroundResult !== null) return backgroundResult;
      if (closed) return Promise.resolve(null);
      // A recovery at start-up checked the whole of what it put in place.
      backgroundCheck = recovery === null ? checkWholeFileInBackground(file, options.nativeBinding) : null;
      backgroundResult = (backgroundCheck?.result ?? Promise.resolve(null)).then(
        (problem) => {
          if (problem === null || closed) return null;
          noteDamage(problem);
          return problem;
        },
        (error: unknown) => {
          // The check could not run (the disk, not the file): start-up checks the whole file next time instead.
          logger.error('storage: the database check after start-up could not run', error);
          return null;
        },
      );
      return backgroundResult;
    },

    checkFile() {
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

    markHeldKiosk: () => markFolderHeldKiosk(dataFolder, clock.now()),

    checkpoint() {
      if (lostFile === null && damaged === null && !closed) db.pragma('wal_checkpoint(PASSIVE)');
    },

    noteStorageFailure(error) {
      failuresNoted++;
      const kind = failureKind(error);
      failure = {
        kind,
        at: clock.now(),
        backupTakenAt: null,
        detail: `A save failed: ${errorCode(error) ?? 'unknown error'}. The data folder ${dataFolder} needs IT.`,
      };
    },

    clearFailureOnWrite(dispatch) {
      return async (method, rawInput, caller) => {
        storage.checkFile();
        const changesBefore = changesSoFar(db);
        const failuresBefore = failuresNoted;
        const result = await dispatch(method, rawInput, caller);
        if (failure === null || lostFile !== null || !result.ok || failuresNoted !== failuresBefore) return result;
        const changesAfter = changesSoFar(db);
        if (changesBefore === null || changesAfter === null || changesAfter === changesBefore) return result;
        const cleared = failure;
        failure = null;
        try {
          insertAuditEntry(db, {
            at: clock.now(),
            staffId: null,
            action: 'storage-writes-restored',
            detail: { kind: cleared.kind, failedAt: cleared.at },
          });
        } catch (error) {
          logger.error('storage: saving works again, but the audit entry could not be written', error);
        }
        return result;
      };
    },

    backUpIfDue() {
      if (!options.backups || closed || damaged !== null) return Promise.resolve(null);
      running ??= (async () => {
        const at = clock.now();
        if (at < nextBackupTry) return null;
        try {
          const changes = changeStamp(db);
          if (changes === changesAtBackup || !isBackupDue(dataFolder, at)) return null;
          // Counted before the copy starts: a write made while it runs makes the next one due.
          const taken = await backUpOnline(db, dataFolder, at);
          changesAtBackup = changes;
          if (backupFailures > 0) logger.info?.(`storage: backups work again after ${backupFailures} failed tries`);
          backupFailures = 0;
          nextBackupTry = 0;
          return taken;
        } catch (error) {
          // A backup cut short by close() is not a failure: close() takes its own.
          if (closed) return null;
          backupFailures++;
          nextBackupTry = at + backupRetryDelay(backupFailures);
          // The log has every try; the audit log, which staff read, the first of a run of failures.
          if (backupFailures === 1) reportBackupFailure('hourly', error);
          else logger.error(`storage: the hourly backup failed again (${backupFailures} tries in a row)`, error);
          return null;
        }
      })().finally(() => {
        running = null;
      });
      return running;
    },

    close() {
      if (closed) return;
      closed = true;
      backgroundCheck?.stop();
      try {
        // A backup of a damaged file would be refused at restore anyway, and would crowd out a sound one.
        if (damaged !== null) return;
        // A database whose file was lost is still worth a backup: it holds everything saved before the loss, and the
        // next start restores it.
        if (lostFile !== null) db.pragma('query_only = OFF');
        const changed = changeStamp(db) !== (changesAtBackup ?? changesAtOpen);
        if (options.backups && (changed || listBackups(dataFolder).length === 0)) {
          backUpNow(db, dataFolder, clock.now());
        }
      } catch (error) {
        reportBackupFailure('closing', error);
      } finally {
        db.close();
      }
    },
  };
  return storage;
}

/** After n failed hourly backups in a row, wait 5, 10, 20, 40 then 60 minutes before the next try. */
function backupRetryDelay(failures: number): number {
  return Math.min(5 * 2 ** (failures - 1), 60) * 60_000;
}

/** The same, or null once the connection is closed: dispatch answers, it never throws. */
function changesSoFar(db: KioskDatabase): number | null {
  return db.open ? totalChanges(db) : null;
}

/** Rows this connection has changed since it opened (SQLite's total_changes()). */
function totalChanges(db: KioskDatabase): number {
  return cachedStatement(db, 'SELECT total_changes()').pluck().get() as number;
}

/**
 * Moves whenever the database changed: rows this connection wrote, or a commit by any other connection (a staff
 * command-line tool on the same folder), which SQLite's data_version counts.
 */
function changeStamp(db: KioskDatabase): string {
  return `${totalChanges(db)}:${String(db.pragma('data_version', { simple: true }))}`;
}
