import type { DispatchLogger } from '../api/dispatch';
import { isStorageWriteFailure } from './storage-errors';

/**
 * Runs one background job (auto-close, timer sweep, retention) without letting it stop the kiosk. These jobs write
 * outside dispatch, so a write they cannot save raises the same staff alert a refused call would: otherwise a full
 * or read-only disk would go unnoticed until someone happened to press a button.
 */
export function createHousekeepingGuard(
  logger: DispatchLogger,
  noteStorageFailure: (error: unknown) => void,
): (what: string, job: () => void) => void {
  return (what, job) => {
    try {
      job();
    } catch (error) {
      logger.error(`${what} failed`, error);
      if (isStorageWriteFailure(error)) noteStorageFailure(error);
    }
  };
}
