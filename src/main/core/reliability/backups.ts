import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { KioskDatabase } from '../db/open-database';
import { chooseBackupsToKeep } from './backup-retention';
import { fileStamp, fsyncFolder, parseFileStamp, replaceDurably } from './durable-files';

export const BACKUP_FOLDER = 'backups';
/** While the kiosk runs, a backup at most this often, and only when something changed (see kiosk-storage.ts). */
export const BACKUP_INTERVAL_MS = 60 * 60_000;

const BACKUP_NAME = /^kiosk-(.+)\.db$/;
/** A backup being written: never listed, never restored, removed by the next prune. */
const PARTIAL_SUFFIX = '.partial';

export interface BackupFile {
  /** Absolute path. */
  path: string;
  /** The name inside the backups folder, e.g. kiosk-2026-01-05T08-00-00-000Z.db. */
  name: string;
  /** When it was taken (UTC epoch ms), read from the name. */
  takenAt: number;
}

export function backupFolder(dataFolder: string): string {
  return join(dataFolder, BACKUP_FOLDER);
}

/** The backups in a data folder, newest first. Files that are not finished backups are ignored. */
export function listBackups(dataFolder: string): BackupFile[] {
  const folder = backupFolder(dataFolder);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .map((name) => {
      const stamp = BACKUP_NAME.exec(name)?.[1];
      const takenAt = stamp === undefined ? null : parseFileStamp(stamp);
      return takenAt === null ? null : { path: join(folder, name), name, takenAt };
    })
    .filter((backup): backup is BackupFile => backup !== null)
    .sort((a, b) => b.takenAt - a.takenAt || b.name.localeCompare(a.name));
}

/**
 * True when no backup was taken in the hour before `now` (by the kiosk's clock). A backup named later than `now` does
 * not count: after the clock is set back, backups go on.
 */
export function isBackupDue(dataFolder: string, now: number): boolean {
  const newest = listBackups(dataFolder).find((backup) => backup.takenAt <= now);
  return newest === undefined || now - newest.takenAt >= BACKUP_INTERVAL_MS;
}

function prepareTarget(dataFolder: string, at: number): { partial: string; target: string } {
  const folder = backupFolder(dataFolder);
  mkdirSync(folder, { recursive: true });
  const target = join(folder, `kiosk-${fileStamp(at)}.db`);
  const partial = `${target}${PARTIAL_SUFFIX}`;
  rmSync(partial, { force: true });
  return { partial, target };
}

/** Keeps the backups chooseBackupsToKeep picks at `now` (by age) and removes unfinished ones left by a crash. */
export function pruneBackups(dataFolder: string, now: number): void {
  const folder = backupFolder(dataFolder);
  if (!existsSync(folder)) return;
  for (const name of readdirSync(folder)) {
    if (name.endsWith(PARTIAL_SUFFIX) || /\.db-(wal|shm|journal)$/.test(name))
      rmSync(join(folder, name), { force: true });
  }
  const backups = listBackups(dataFolder);
  const keep = chooseBackupsToKeep(backups, now);
  for (const old of backups) if (!keep.has(old.name)) rmSync(old.path, { force: true });
  fsyncFolder(folder);
}

/**
 * An online backup with SQLite's backup API: it copies a hundred pages per turn of the event loop, so the kiosk keeps
 * answering while a large database is copied. Answers the finished file.
 */
export async function backUpOnline(db: KioskDatabase, dataFolder: string, at: number): Promise<string> {
  const { partial, target } = prepareTarget(dataFolder, at);
  try {
    await db.backup(partial);
    replaceDurably(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
  pruneBackups(dataFolder, at);
  return target;
}

/**
 * The same, in one blocking step (VACUUM INTO writes a consistent, compact copy): for close(), which cannot wait for
 * the event loop. Answers the finished file.
 */
export function backUpNow(db: KioskDatabase, dataFolder: string, at: number): string {
  const { partial, target } = prepareTarget(dataFolder, at);
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    replaceDurably(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
  pruneBackups(dataFolder, at);
  return target;
}
