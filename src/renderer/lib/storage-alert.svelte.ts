/**
 * The storage notice staff see on the board and in the admin area: what main's getKioskStatus says about
 * the data file. One shared instance, so a notice dismissed in the admin area is gone from the board as well.
 */
import type { FleetDeliveryLate, Language, StorageAlert, StorageAlertKind } from '../../shared/domain';
import { callKiosk } from './kiosk-api';
import type { Messages } from './i18n/messages-en';

/** A save that fails shows on the board within this time; it is not a parent's business to wait for it. */
export const STORAGE_ALERT_REFRESH_MS = 30_000;

/** The kinds that mean sessions cannot be saved right now: shown more prominently, and they clear themselves. */
const CANNOT_SAVE: ReadonlySet<StorageAlertKind> = new Set(['read-only', 'disk-full', 'write-failed']);

export function cannotSave(alert: StorageAlert): boolean {
  return CANNOT_SAVE.has(alert.kind);
}

/** "1 March 2026, 06:00" / "1 de marzo de 2026, 6:00": a date as well as a time, since a backup may be days old. */
export function formatBackupTime(epochMs: number, language: Language, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'long',
    timeStyle: 'short',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).format(epochMs);
}

/** The notice in plain words, per kind; never the technical detail (that is for IT, in the log and audit). */
export function describeStorageAlert(alert: StorageAlert, t: Messages, language: Language): string {
  switch (alert.kind) {
    case 'recovered-from-backup':
      return t.storage.recoveredFromBackup(formatBackupTime(alert.backupTakenAt ?? alert.at, language));
    case 'started-empty':
      return t.storage.startedEmpty;
    case 'read-only':
    case 'disk-full':
    case 'write-failed':
      return t.storage.cannotSave;
  }
}

export class StorageAlertState {
  #alert = $state<StorageAlert | null>(null);
  #fleetLate = $state<FleetDeliveryLate | null>(null);

  get current(): StorageAlert | null {
    return this.#alert;
  }

  /** In a fleet: changes have waited too long to reach the hospital's database (cleared once they do). */
  get fleetLate(): FleetDeliveryLate | null {
    return this.#fleetLate;
  }

  set(alert: StorageAlert | null): void {
    this.#alert = alert;
  }

  /** Asks main again; a failed call keeps what was shown (the board says so itself when main cannot answer). */
  async refresh(): Promise<void> {
    const result = await callKiosk((api) => api.getKioskStatus());
    if (result.ok) {
      this.#alert = result.value.storageAlert;
      this.#fleetLate = result.value.fleetDeliveryLate;
    }
  }

  reset(): void {
    this.#alert = null;
    this.#fleetLate = null;
  }
}

export const storageAlert = new StorageAlertState();
