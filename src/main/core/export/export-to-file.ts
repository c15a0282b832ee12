import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { KioskDatabase } from '../db/open-database';
import { partialPathBeside } from '../reliability/durable-files';
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
  const partial = partialPathBeside(path);
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
