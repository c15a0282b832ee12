import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Proves a file can be written and flushed to disk in an existing folder, and leaves nothing behind; throws the
 * system's error (EACCES, EROFS, ENOSPC…) when it cannot. Permissions alone do not tell: a read-only mount or a full
 * disk only shows on a real write.
 */
export function proveWritable(folder: string): void {
  const probe = join(folder, '.kiosk-write-check');
  const fd = openSync(probe, 'w');
  try {
    writeSync(fd, 'ok\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
    rmSync(probe, { force: true });
  }
}
