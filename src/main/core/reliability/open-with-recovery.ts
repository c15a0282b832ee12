import Database from 'better-sqlite3';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { StorageAlert } from '../../../shared/domain';
import type { DispatchLogger } from '../api/dispatch';
import type { Clock } from '../clock';
import { databasePath } from '../data-folder';
import { latestSchemaVersion } from '../db/migrate';
import { openDatabase, type KioskDatabase } from '../db/open-database';
import { insertAuditEntry } from '../repositories/audit-log-repository';
import { listBackups, type BackupFile } from './backups';
import { fileStamp, fsyncFolder, replaceDurably } from './durable-files';
import { writeStorageAlert } from './storage-alert';
import { asStorageUnavailable, isDamagedDatabaseError } from './storage-errors';

export const DAMAGED_FOLDER = 'damaged';
const SIDE_FILES = ['-wal', '-shm', '-journal'];

export interface OpenKioskDatabaseOptions {
  dataFolder: string;
  clock: Clock;
  logger: DispatchLogger;
  nativeBinding?: string;
}

export interface Recovery {
  alert: StorageAlert;
  /** Why the database was set aside (the check's words). */
  reason: string;
  /** Where the damaged files went, relative to the data folder. */
  movedTo: string[];
  /** The backup restored, relative to the data folder; null when the kiosk started empty. */
  restoredFrom: string | null;
  /** Backups tried and found damaged too, newest first. */
  rejectedBackups: string[];
}

export interface OpenedStorage {
  db: KioskDatabase;
  /** What start-up recovery did; null when the database opened and passed its check. */
  recovery: Recovery | null;
}

/**
 * Opens the kiosk database for the app. A data folder that cannot be written stops start-up with a typed
 * `storage-unavailable` error. A database that is damaged (fails `PRAGMA quick_check`, or SQLite cannot read it) is
 * moved aside, never deleted, and the newest backup that passes the same check is restored; with none, the kiosk
 * starts empty. Either way staff get a storage alert and the audit log records what happened. A database written by a
 * newer kiosk is healthy, not damaged: migrate refuses it with its own message and nothing is moved.
 */
export function openKioskDatabase(options: OpenKioskDatabaseOptions): OpenedStorage {
  const { dataFolder, nativeBinding } = options;
  const file = databasePath(dataFolder);
  try {
    assertFolderWritable(dataFolder);
  } catch (error) {
    throw asStorageUnavailable(error, dataFolder);
  }
  let damage = findDamage(file, dataFolder, nativeBinding);
  if (damage === null) {
    try {
      return { db: openDatabase(file, { nativeBinding }), recovery: null };
    } catch (error) {
      if (!isDamagedDatabaseError(error)) throw asStorageUnavailable(error, dataFolder);
      damage = describe(error);
    }
  }
  return recover(options, file, damage);
}

/** Creates the folder if needed and proves a file can be written and flushed there. */
function assertFolderWritable(dataFolder: string): void {
  mkdirSync(dataFolder, { recursive: true });
  const probe = join(dataFolder, '.kiosk-write-check');
  const fd = openSync(probe, 'w');
  try {
    writeSync(fd, 'ok\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
    rmSync(probe, { force: true });
  }
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' ? `${code}: ${message}` : message;
}

/**
 * Null when the file is missing or sound; otherwise what is wrong with it. Read-only, so the check itself never
 * writes to (or checkpoints into) a damaged file.
 */
function findDamage(file: string, dataFolder: string, nativeBinding: string | undefined): string | null {
  if (!existsSync(file)) return null;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { nativeBinding, readonly: true, fileMustExist: true });
    return quickCheck(db);
  } catch (error) {
    if (isDamagedDatabaseError(error)) return describe(error);
    throw asStorageUnavailable(error, dataFolder);
  } finally {
    db?.close();
  }
}

/** Null for a sound database, else the first problems `PRAGMA quick_check` lists. */
function quickCheck(db: Database.Database): string | null {
  const rows = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
  const problems = rows.map((row) => row.quick_check).filter((line) => line !== 'ok');
  return problems.length === 0 ? null : `quick_check: ${problems.join('; ')}`;
}

function recover(options: OpenKioskDatabaseOptions, file: string, reason: string): OpenedStorage {
  const { dataFolder, clock, logger, nativeBinding } = options;
  const at = clock.now();
  let movedTo: string[];
  try {
    movedTo = moveAside(file, join(dataFolder, DAMAGED_FOLDER), fileStamp(at)).map((path) =>
      relative(dataFolder, path),
    );
  } catch (error) {
    throw asStorageUnavailable(error, dataFolder);
  }

  const rejectedBackups: string[] = [];
  let restored: BackupFile | null = null;
  for (const backup of listBackups(dataFolder)) {
    const problem = restoreIfSound(backup, file, nativeBinding);
    if (problem === null) {
      restored = backup;
      break;
    }
    rejectedBackups.push(relative(dataFolder, backup.path));
    logger.error(`storage: backup ${backup.name} is not usable`, problem);
  }

  let db: KioskDatabase;
  try {
    db = openDatabase(file, { nativeBinding });
  } catch (error) {
    throw asStorageUnavailable(error, dataFolder);
  }
  const restoredFrom = restored ? relative(dataFolder, restored.path) : null;
  const detail =
    `${basename(file)} was damaged (${reason.slice(0, 300)}) and was moved to ${movedTo[0]}. ` +
    (restoredFrom
      ? `The backup ${restoredFrom} was restored: anything saved after it was taken is missing.`
      : 'No sound backup was found: the kiosk started with an empty database.');
  const alert: StorageAlert = {
    kind: restored ? 'recovered-from-backup' : 'started-empty',
    at,
    backupTakenAt: restored?.takenAt ?? null,
    detail,
  };
  try {
    db.transaction(() => {
      insertAuditEntry(db, {
        at,
        staffId: null,
        action: 'db-recovered',
        detail: { reason: reason.slice(0, 300), movedTo, restoredFrom, rejectedBackups },
      });
      writeStorageAlert(db, alert);
    })();
  } catch (error) {
    db.close();
    throw asStorageUnavailable(error, dataFolder);
  }
  logger.error(`storage: ${detail}`, reason);
  return { db, recovery: { alert, reason, movedTo, restoredFrom, rejectedBackups } };
}

/** Moves the database and its -wal/-shm into the damaged folder under one time-stamped name; answers the new paths. */
function moveAside(file: string, damagedFolder: string, stamp: string): string[] {
  mkdirSync(damagedFolder, { recursive: true });
  let target = join(damagedFolder, `kiosk-${stamp}.db`);
  for (let copy = 2; SIDE_FILES.concat('').some((suffix) => existsSync(`${target}${suffix}`)); copy++) {
    target = join(damagedFolder, `kiosk-${stamp}-${copy}.db`);
  }
  const moved: string[] = [];
  for (const suffix of ['', ...SIDE_FILES]) {
    if (!existsSync(`${file}${suffix}`)) continue;
    renameSync(`${file}${suffix}`, `${target}${suffix}`);
    moved.push(`${target}${suffix}`);
  }
  fsyncFolder(damagedFolder);
  return moved;
}

/**
 * Copies a backup next to the database, checks the copy (the exact bytes that will be used), and only then puts it
 * in place. Answers null when restored, else the problem. The backup itself is never modified.
 */
function restoreIfSound(backup: BackupFile, file: string, nativeBinding: string | undefined): string | null {
  const restoring = `${file}.restoring`;
  const clear = () => ['', ...SIDE_FILES].forEach((suffix) => rmSync(`${restoring}${suffix}`, { force: true }));
  clear();
  try {
    copyFileSync(backup.path, restoring);
    const db = new Database(restoring, { nativeBinding, readonly: true, fileMustExist: true });
    let problem: string | null;
    try {
      problem = quickCheck(db);
      const version = db.pragma('user_version', { simple: true }) as number;
      if (problem === null && version > latestSchemaVersion()) {
        problem = `it has schema version ${version}, newer than this kiosk knows`;
      }
    } finally {
      db.close();
    }
    if (problem !== null) return problem;
    SIDE_FILES.forEach((suffix) => rmSync(`${restoring}${suffix}`, { force: true }));
    replaceDurably(restoring, file);
    return null;
  } catch (error) {
    return describe(error);
  } finally {
    clear();
  }
}
