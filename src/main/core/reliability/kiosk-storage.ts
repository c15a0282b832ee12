import type { StorageAlert } from '../../../shared/domain';
import type { Dispatch, DispatchLogger } from '../api/dispatch';
import type { Clock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { databasePath } from '../data-folder';
import { countActiveAdmins } from '../repositories/staff-repository';
import { backUpNow, listBackups } from './backups';
import { markFolderHeldKiosk } from './folder-marker';
import { openKioskDatabase, type Recovery } from './open-with-recovery';
import { changeStamp, reportBackupFailure, scheduleHourlyBackups } from './storage-backup-schedule';
import { readStorageAlert } from './storage-alert';
import { watchAfterStartCheck, watchForLostFile } from './storage-file-watch';
import { trackWriteFailures } from './storage-write-failures';

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

/** The database of a data folder with its safety net: start-up check and recovery, backups, storage alerts. */
export function openKioskStorage(options: KioskStorageOptions): KioskStorage {
  const { dataFolder, clock, logger } = options;
  const { db, recovery } = openKioskDatabase(options);
  const file = databasePath(dataFolder);
  let closed = false;
  const isClosed = () => closed;
  const changesAtOpen = changeStamp(db);
  const watch = { file, dataFolder, clock, logger };
  const lostFile = watchForLostFile(db, watch);
  const afterStart = watchAfterStartCheck(db, { ...watch, ...options, recovery, closed: isClosed });
  const failures = trackWriteFailures(db, watch);
  const backups = scheduleHourlyBackups(db, {
    ...watch,
    closed: isClosed,
    mayBackUp: () => options.backups && !closed && afterStart.alert() === null,
  });
  if (countActiveAdmins(db) > 0) markFolderHeldKiosk(dataFolder, clock.now());

  return {
    db,
    recovery,
    alert: () => afterStart.alert() ?? lostFile.alert() ?? failures.alert() ?? readStorageAlert(db),
    checkInBackground: () => afterStart.start(),
    checkFile: () => lostFile.check(),
    markHeldKiosk: () => markFolderHeldKiosk(dataFolder, clock.now()),
    checkpoint() {
      if (lostFile.alert() === null && afterStart.alert() === null && !closed) db.pragma('wal_checkpoint(PASSIVE)');
    },
    noteStorageFailure: (error) => failures.note(error),
    clearFailureOnWrite: (dispatch) =>
      failures.clearOnWrite(
        dispatch,
        () => lostFile.check(),
        () => lostFile.alert() === null,
      ),
    backUpIfDue: () => backups.backUpIfDue(),
    close() {
      if (closed) return;
      closed = true;
      afterStart.stop();
      try {
        // A backup of a damaged file would be refused at restore anyway, and would crowd out a sound one.
        if (afterStart.alert() !== null) return;
        // A database whose file was lost is still worth a backup: it holds everything saved before the loss, and the
        // next start restores it.
        if (lostFile.alert() !== null) db.pragma('query_only = OFF');
        const changed = changeStamp(db) !== (backups.changesAtLastBackup() ?? changesAtOpen);
        if (options.backups && (changed || listBackups(dataFolder).length === 0))
          backUpNow(db, dataFolder, clock.now());
      } catch (error) {
        reportBackupFailure(db, options, 'closing', error);
      } finally {
        db.close();
      }
    },
  };
}
