import { KioskError } from '../errors';

/** The error code of a SQLite (SQLITE_*) or file-system (E*) error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** SQLite says the file's bytes are not a sound database: the file is damaged, not the folder. */
export function isDamagedDatabaseError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

/** What went wrong with the data folder, in words for IT; undefined when the error is not about storage. */
function storageProblem(code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  if (code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT') return 'the disk is full';
  if (['EACCES', 'EPERM', 'EROFS'].includes(code) || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM') {
    return 'the folder cannot be written (read-only or no permission)';
  }
  if (code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR') return 'the path is not a folder';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'the database file cannot be opened or created there';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'the disk reported an error';
  return undefined;
}

/**
 * A storage error as the typed error the shell and the bridge show on screen; any other error unchanged.
 * The kiosk stops with this message instead of starting half-working or retrying in a loop.
 */
export function asStorageUnavailable(error: unknown, dataFolder: string): unknown {
  if (error instanceof KioskError) return error;
  const problem = storageProblem(errorCode(error));
  if (problem === undefined) return error;
  return new KioskError(
    'storage-unavailable',
    `The kiosk cannot use its data folder (${dataFolder}): ${problem}. Please call IT. Nothing was changed or deleted.`,
  );
}

/** SQLite result codes that mean the data folder cannot take writes: staff need to fix the disk, not retry. */
const WRITE_FAILURE_CODES = ['SQLITE_READONLY', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_CANTOPEN'];

/** A write refused for lack of storage (read-only folder or file, full disk, I/O error), extended codes included. */
export function isStorageWriteFailure(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && WRITE_FAILURE_CODES.some((prefix) => code.startsWith(prefix));
}
