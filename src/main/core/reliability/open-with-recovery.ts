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
  statSync,
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
import { writeKioskState } from '../repositories/kiosk-state-repository';
import { quickCheck, userTables } from '../repositories/salvage-repository';
import { listBackups, type BackupFile } from './backups';
import { fileStamp, fsyncFolder, replaceDurably } from './durable-files';
import { folderHeldKiosk } from './folder-marker';
import { describeMerge, mergeSalvage, type MergeReport } from './salvage-merge';
import { SETUP_LOCKED_KEY } from './setup-lock';
import { salvageDatabase, type Salvage } from './wal-salvage';
import { writeStorageAlert } from './storage-alert';
import { proveWritable } from './write-probe';
import { asStorageUnavailable, isDamagedDatabaseError } from './storage-errors';

export const DAMAGED_FOLDER = 'damaged';
/** Where start-up recovery reads a damaged file's copy; removed when done. */
const SALVAGE_FOLDER = 'recovering';
const SIDE_FILES = ['-wal', '-shm', '-journal'];
/**
 * The tables that grow with history. Checking every other table takes a fraction of a millisecond; these are what
 * makes a whole-file check grow with history, so start-up leaves them to the check after start-up
 * (background-check.ts), which takes the same alert and restore path through the next start (FULL_CHECK_DUE).
 */
export const HISTORY_TABLES: readonly string[] = [
  'sessions',
  'session_events',
  'audit_log',
  'room_cleanings',
  'timers',
  'session_room_days',
];

/** Present when a check while running found damage: the next start checks the whole file before opening it. */
export const FULL_CHECK_DUE = 'full-check-due';

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
  /** What was read back from the damaged file and its WAL and merged; null when nothing could be read. */
  salvaged: MergeReport | null;
  /** The damaged file and its WAL passed the check once read together: they were kept whole, no backup needed. */
  keptWhole: boolean;
}

export interface OpenedStorage {
  db: KioskDatabase;
  /** What start-up recovery did; null when the database opened and passed its check. */
  recovery: Recovery | null;
}

/**
 * Opens the kiosk database for the app. A data folder that cannot be written stops start-up with a typed
 * `storage-unavailable` error. A database that is damaged (fails `PRAGMA quick_check`, or SQLite cannot read it), or
 * missing from a folder that held a kiosk, is moved aside, never deleted; what it and its write-ahead log still hold
 * is read back and merged into the newest backup that passes the same check; with no backup, the kiosk starts empty
 * with first-run setup locked. Either way staff get a storage alert and the audit log records what happened. A
 * database written by a newer kiosk is healthy, not damaged: migrate refuses it with its own message.
 */
export function openKioskDatabase(options: OpenKioskDatabaseOptions): OpenedStorage {
  const { dataFolder, nativeBinding } = options;
  const file = databasePath(dataFolder);
  try {
    assertFolderWritable(dataFolder);
  } catch (error) {
    throw asStorageUnavailable(error, dataFolder);
  }
  const missing = describeMissingDatabase(file, dataFolder);
  if (missing !== null) return recover(options, file, missing);
  const fullCheck = existsSync(join(dataFolder, FULL_CHECK_DUE));
  let damage = findDamage(file, dataFolder, nativeBinding, fullCheck);
  if (damage === null) {
    try {
      const db = openDatabase(file, { nativeBinding });
      rmSync(join(dataFolder, FULL_CHECK_DUE), { force: true });
      return { db, recovery: null };
    } catch (error) {
      if (!isDamagedDatabaseError(error)) throw asStorageUnavailable(error, dataFolder);
      damage = describe(error);
    }
  }
  return recover(options, file, damage);
}

/**
 * Null when the database file is there (with content), or when the folder never held a kiosk (a first start).
 * Otherwise why its absence is damage: backups, the folder's marker or a WAL say a kiosk kept its data here. (SQLite
 * itself would open an empty file as a new database and delete its WAL.)
 */
function describeMissingDatabase(file: string, dataFolder: string): string | null {
  const size = existsSync(file) ? statSync(file).size : null;
  if (size !== null && size > 0) return null;
  const evidence = [
    folderHeldKiosk(dataFolder) ? 'the folder marker' : null,
    hasBackups(dataFolder) ? 'backups' : null,
    existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0 ? 'a write-ahead log' : null,
  ].filter((item) => item !== null);
  if (evidence.length === 0) return null;
  return `${basename(file)} is ${size === null ? 'missing' : 'empty'} although ${evidence.join(', ')} show this folder held a kiosk`;
}

/** A backups path that is not a folder holds no backups (taking one will fail and say so). */
function hasBackups(dataFolder: string): boolean {
  try {
    return listBackups(dataFolder).length > 0;
  } catch {
    return false;
  }
}

/** Creates the folder if needed and proves a file can be written and flushed there. */
function assertFolderWritable(dataFolder: string): void {
  mkdirSync(dataFolder, { recursive: true });
  proveWritable(dataFolder);
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' ? `${code}: ${message}` : message;
}

/**
 * Null when the file is missing or sound; otherwise what is wrong with it. Read-only, so the check itself never
 * writes to (or checkpoints into) a damaged file. Checks the tables that do not grow with history, or the whole file
 * when `whole` (after a check while running found damage).
 */
function findDamage(
  file: string,
  dataFolder: string,
  nativeBinding: string | undefined,
  whole: boolean,
): string | null {
  if (!existsSync(file)) return null;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { nativeBinding, readonly: true, fileMustExist: true });
    if (whole) return quickCheck(db);
    // The schema first: every other table is found through it.
    for (const table of ['sqlite_schema', ...userTables(db)]) {
      if (HISTORY_TABLES.includes(table)) continue;
      const problem = quickCheck(db, table);
      if (problem !== null) return `${table}: ${problem}`;
    }
    return null;
  } catch (error) {
    if (isDamagedDatabaseError(error)) return describe(error);
    throw asStorageUnavailable(error, dataFolder);
  } finally {
    db?.close();
  }
}

/**
 * A check while running found damage: the next start checks the whole file and takes the start-up recovery (moved
 * aside, newest sound backup restored, what the file held merged back, the storage alert). Durable, so a power cut
 * before the restart does not forget it.
 */
export function markFullCheckDue(dataFolder: string, reason: string): void {
  const marker = join(dataFolder, FULL_CHECK_DUE);
  const fd = openSync(marker, 'w');
  try {
    writeSync(fd, `${reason}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  fsyncFolder(dataFolder);
}

function recover(options: OpenKioskDatabaseOptions, file: string, reason: string): OpenedStorage {
  const { dataFolder, clock, nativeBinding } = options;
  const at = clock.now();
  const heldKiosk = folderHeldKiosk(dataFolder);
  let movedTo: string[];
  try {
    movedTo = moveAside(file, join(dataFolder, DAMAGED_FOLDER), fileStamp(at));
  } catch (error) {
    throw asStorageUnavailable(error, dataFolder);
  }
  // Read back what the damaged file and its WAL hold before anything else is decided.
  const salvage = salvageDatabase(
    movedTo.find((path) => path.endsWith('.db')) ?? null,
    movedTo.find((path) => path.endsWith('-wal')) ?? null,
    join(dataFolder, SALVAGE_FOLDER),
    nativeBinding,
    listBackups(dataFolder).map((backup) => backup.path),
  );
  try {
    return recoverWith(options, file, reason, {
      at,
      heldKiosk,
      movedTo: movedTo.map((path) => relative(dataFolder, path)),
      salvage,
    });
  } finally {
    salvage?.discard();
  }
}

interface RecoveryInputs {
  at: number;
  heldKiosk: boolean;
  movedTo: string[];
  salvage: Salvage | null;
}

function recoverWith(
  options: OpenKioskDatabaseOptions,
  file: string,
  reason: string,
  { at, heldKiosk, movedTo, salvage }: RecoveryInputs,
): OpenedStorage {
  const { dataFolder, logger, nativeBinding } = options;
  // The damaged file read with its WAL may be whole again (the damage was on pages the WAL replaces): keep it all.
  const keptWhole = salvage?.sound === true && restoreIfSound(salvage.file, file, nativeBinding) === null;
  const rejectedBackups: string[] = [];
  let restored: BackupFile | null = null;
  if (!keptWhole) {
    for (const backup of listBackups(dataFolder)) {
      const problem = restoreIfSound(backup.path, file, nativeBinding);
      if (problem === null) {
        restored = backup;
        break;
      }
      rejectedBackups.push(relative(dataFolder, backup.path));
      logger.error(`storage: backup ${backup.name} is not usable`, problem);
    }
  }

  let db: KioskDatabase;
  try {
    db = openDatabase(file, { nativeBinding });
  } catch (error) {
    throw asStorageUnavailable(error, dataFolder);
  }
  let salvaged: MergeReport | null = null;
  if (salvage !== null && !keptWhole) {
    try {
      salvaged = mergeSalvage(db, salvage);
    } catch (error) {
      logger.error('storage: what the damaged file held could not be merged', error);
    }
  }
  const restoredFrom = restored ? relative(dataFolder, restored.path) : null;
  const where = movedTo.length > 0 ? ` and was moved to ${movedTo[0]}` : '';
  const detail =
    `${basename(file)} could not be used (${reason.slice(0, 300)})${where}. ` +
    (keptWhole
      ? 'Read together with its write-ahead log it passed the check, so all of it was kept.'
      : (restoredFrom
          ? `The backup ${restoredFrom} was restored. `
          : 'No sound backup was found: the kiosk started from an empty database. ') +
        (salvaged
          ? describeMerge(salvaged)
          : 'Nothing could be read back from the damaged file: anything saved after the backup is missing.') +
        (heldKiosk && restored === null ? ' First-run setup is locked: add an admin with the staff command.' : ''));
  const alert: StorageAlert = {
    kind: restored || keptWhole ? 'recovered-from-backup' : 'started-empty',
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
        detail: { reason: reason.slice(0, 300), movedTo, restoredFrom, rejectedBackups, keptWhole, salvaged },
      });
      writeStorageAlert(db, alert);
      // A folder that held a kiosk never offers first-run setup again: it needs no sign-in.
      if (heldKiosk) writeKioskState(db, SETUP_LOCKED_KEY, true);
    })();
  } catch (error) {
    db.close();
    throw asStorageUnavailable(error, dataFolder);
  }
  rmSync(join(dataFolder, FULL_CHECK_DUE), { force: true });
  logger.error(`storage: ${detail}`, reason);
  return { db, recovery: { alert, reason, movedTo, restoredFrom, rejectedBackups, salvaged, keptWhole } };
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
 * Copies a backup (or the salvaged copy) next to the database, checks the copy (the exact bytes that will be used),
 * and only then puts it in place. Answers null when restored, else the problem. The source is never modified.
 */
function restoreIfSound(source: string, file: string, nativeBinding: string | undefined): string | null {
  const restoring = `${file}.restoring`;
  const clear = () => ['', ...SIDE_FILES].forEach((suffix) => rmSync(`${restoring}${suffix}`, { force: true }));
  clear();
  try {
    copyFileSync(source, restoring);
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
