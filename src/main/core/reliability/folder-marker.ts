import { closeSync, existsSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncFolder } from './durable-files';

/**
 * A small file that says this data folder has held a set-up kiosk. Without it, a missing database would look like a
 * new machine and offer first-run setup, which needs no sign-in. Written once the kiosk has an admin.
 */
export const FOLDER_MARKER = 'kiosk-folder.json';

export function folderHeldKiosk(dataFolder: string): boolean {
  return existsSync(join(dataFolder, FOLDER_MARKER));
}

/** Writes the marker (once, durably); never fails the caller: the backups say the same. */
export function markFolderHeldKiosk(dataFolder: string, at: number): void {
  const marker = join(dataFolder, FOLDER_MARKER);
  if (existsSync(marker)) return;
  const partial = `${marker}.partial`;
  try {
    const fd = openSync(partial, 'w');
    try {
      writeSync(fd, `${JSON.stringify({ heldKioskSince: new Date(at).toISOString() })}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, marker);
    fsyncFolder(dataFolder);
  } catch {
    // A folder that cannot take the marker cannot take the database either; that is reported where it matters.
  }
}
