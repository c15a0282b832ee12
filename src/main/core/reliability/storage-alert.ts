import { z } from 'zod';
import { STORAGE_ALERT_KINDS, type StorageAlert } from '../../../shared/domain';
import type { KioskDatabase } from '../db/open-database';
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
