import Database from 'better-sqlite3';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Test helper: the rows of a database file read without the kiosk (a fresh read-only connection). */
export function readRows<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

/** Test helper: overwrites `length` bytes of a file at `offset` with `byte`, as a failing disk might. */
export function overwriteBytes(file: string, offset: number, length: number, byte = 0xa5): void {
  const bytes = readFileSync(file);
  bytes.fill(byte, offset, offset + length);
  writeFileSync(file, bytes);
}

/**
 * Test helper: makes a folder unwritable and answers how to undo it, or a reason why that is impossible here.
 * chmod does not stop root, so as root the folder is made immutable with `chattr +i` (which does), where the
 * file system and the container allow it.
 */
export function makeUnwritable(folder: string): { undo(): void } | { skip: string } {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    chmodSync(folder, 0o555);
    if (!canWrite(folder)) return { undo: () => chmodSync(folder, 0o755) };
    chmodSync(folder, 0o755);
    return { skip: 'chmod 555 did not stop writes to the folder on this file system' };
  }
  const chattr = spawnSync('chattr', ['+i', folder], { encoding: 'utf8' });
  if (chattr.status === 0 && !canWrite(folder)) return { undo: () => spawnSync('chattr', ['-i', folder]) };
  if (chattr.status === 0) spawnSync('chattr', ['-i', folder]);
  return {
    skip:
      'running as root, where chmod does not stop writes, and `chattr +i` is not available here ' +
      `(${(chattr.stderr || chattr.error?.message || 'no effect').trim()})`,
  };
}

function canWrite(folder: string): boolean {
  try {
    writeFileSync(join(folder, '.probe'), 'x');
    rmSync(join(folder, '.probe'));
    return true;
  } catch {
    return false;
  }
}
