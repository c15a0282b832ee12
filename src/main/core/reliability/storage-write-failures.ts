import type { StorageAlert, StorageAlertKind } from '../../../shared/domain';
import type { Dispatch, DispatchLogger } from '../api/dispatch';
import type { Clock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { insertAuditEntry } from '../repositories/audit-log-repository';
import { totalChanges } from './storage-backup-schedule';
import { errorCode } from './storage-errors';

function failureKind(error: unknown): StorageAlertKind {
  const code = errorCode(error) ?? '';
  if (code === 'SQLITE_FULL') return 'disk-full';
  if (code.startsWith('SQLITE_READONLY')) return 'read-only';
  return 'write-failed';
}

/** Rows changed so far, or null once the connection is closed: dispatch answers, it never throws. */
function changesSoFar(db: KioskDatabase): number | null {
  return db.open ? totalChanges(db) : null;
}

export interface WriteFailures {
  alert(): StorageAlert | null;
  note(error: unknown): void;
  /** Wraps dispatch so the alert clears itself (audited) once a call commits a write again. */
  clearOnWrite(dispatch: Dispatch, beforeCall: () => void, mayClear: () => boolean): Dispatch;
}

/** The save that failed since start-up, until a later call commits a write again. */
export function trackWriteFailures(
  db: KioskDatabase,
  { dataFolder, clock, logger }: { dataFolder: string; clock: Clock; logger: DispatchLogger },
): WriteFailures {
  let failure: StorageAlert | null = null;
  /** Counts noted failures, so a call that overlapped a newer failure does not clear it. */
  let failuresNoted = 0;

  const clear = () => {
    const cleared = failure!;
    failure = null;
    try {
      insertAuditEntry(db, {
        at: clock.now(),
        staffId: null,
        action: 'storage-writes-restored',
        detail: { kind: cleared.kind, failedAt: cleared.at },
      });
    } catch (error) {
      logger.error('storage: saving works again, but the audit entry could not be written', error);
    }
  };

  return {
    alert: () => failure,
    note(error) {
      failuresNoted++;
      failure = {
        kind: failureKind(error),
        at: clock.now(),
        backupTakenAt: null,
        detail: `A save failed: ${errorCode(error) ?? 'unknown error'}. The data folder ${dataFolder} needs IT.`,
      };
    },
    clearOnWrite(dispatch, beforeCall, mayClear) {
      return async (method, rawInput, caller) => {
        beforeCall();
        const changesBefore = changesSoFar(db);
        const failuresBefore = failuresNoted;
        const result = await dispatch(method, rawInput, caller);
        if (failure === null || !mayClear() || !result.ok || failuresNoted !== failuresBefore) return result;
        const changesAfter = changesSoFar(db);
        if (changesBefore === null || changesAfter === null || changesAfter === changesBefore) return result;
        clear();
        return result;
      };
    },
  };
}
