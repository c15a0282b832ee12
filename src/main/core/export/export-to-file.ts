import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import type { KioskDatabase } from '../db/open-database';
import { exportToStream, type ExportControl, type ExportOptions } from './export-to-stream';

/**
 * Writes an export to a file. The rows go to a hidden temporary file beside it, which replaces the file only once
 * complete and flushed to disk: a cancelled or failed export deletes the partial file and leaves whatever was at
 * `path` before untouched.
 */
export async function exportToFile(
  db: KioskDatabase,
  options: ExportOptions,
  path: string,
  control: ExportControl = {},
): Promise<{ rows: number }> {
  const partial = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.partial`);
  const stream = createWriteStream(partial, { flags: 'wx', flush: true });
  try {
    await once(stream, 'open');
    const result = await exportToStream(db, options, stream, control);
    await rename(partial, path);
    return result;
  } catch (error) {
    stream.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}
