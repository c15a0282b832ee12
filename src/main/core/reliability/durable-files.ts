import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Flushes a file's contents to the disk (as far as the disk honours fsync). */
export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries, so a rename or a new file in it survives a power cut. Not supported on Windows. */
export function fsyncFolder(folder: string): void {
  let fd: number;
  try {
    fd = openSync(folder, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Windows cannot fsync a directory; NTFS journals its metadata instead.
  } finally {
    closeSync(fd);
  }
}

/**
 * A hidden, unique name beside `target` for writing a file that replaces it only once complete
 * (`.name.pdf.1a2b3c4d.partial`): in the same folder, so the final rename is one step on one disk.
 */
export function partialPathBeside(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.partial`);
}

/** Puts a finished file in place in one step: readers see the old name or the complete new file, never a part. */
export function replaceDurably(finishedFile: string, target: string): void {
  fsyncFile(finishedFile);
  renameSync(finishedFile, target);
  fsyncFolder(dirname(target));
}

/** A file-name-safe UTC timestamp, ordered as text: 2026-01-05T08-00-00-000Z. */
export function fileStamp(at: number): string {
  return new Date(at).toISOString().replace(/[:.]/g, '-');
}

/** The inverse of fileStamp; null for anything else. */
export function parseFileStamp(stamp: string): number | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/.exec(stamp);
  if (!match) return null;
  const time = Date.parse(`${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5]}Z`);
  return Number.isNaN(time) ? null : time;
}
