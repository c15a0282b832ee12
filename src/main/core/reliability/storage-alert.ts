import { z } from 'zod';
import { STORAGE_ALERT_KINDS, type StorageAlert } from '../../../shared/domain';
import type { Clock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { KioskError } from '../errors';
import { insertAuditEntry } from '../repositories/audit-log-repository';
import { readKioskState, writeKioskState } from '../repositories/kiosk-state-repository';

/** Kept in kiosk_state so that a recovery stays visible to staff across restarts until someone dismisses it. */
const STORAGE_ALERT_KEY = 'storageAlert';

const storageAlertSchema = z.object({
  kind: z.enum(STORAGE_ALERT_KINDS),
  at: z.number(),
  backupTakenAt: z.number().nullable(),
  detail: z.string(),
});

export function readStorageAlert(db: KioskDatabase): StorageAlert | null {
  const parsed = storageAlertSchema.safeParse(readKioskState(db, STORAGE_ALERT_KEY));
  return parsed.success ? parsed.data : null;
}

export function writeStorageAlert(db: KioskDatabase, alert: StorageAlert | null): void {
  writeKioskState(db, STORAGE_ALERT_KEY, alert);
}

/**
 * An admin has read the recovery notice: it goes, and the audit log keeps what it said and who dismissed it. Only the
 * stored (recovery) notice can be dismissed; a save failure is not stored and clears itself once saving works again.
 */
export function dismissStorageAlert(db: KioskDatabase, clock: Clock, staffId: number): void {
  db.transaction(() => {
    const alert = readStorageAlert(db);
    if (!alert) throw new KioskError('not-found', 'There is no storage notice to dismiss.');
    writeStorageAlert(db, null);
    insertAuditEntry(db, {
      at: clock.now(),
      staffId,
      action: 'storage-alert-dismissed',
      detail: { kind: alert.kind, at: alert.at, backupTakenAt: alert.backupTakenAt },
    });
  })();
}
