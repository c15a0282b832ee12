import type { KioskDatabase } from '../db/open-database';
import { cachedStatement } from '../db/statement-cache';

/** What the audit log records. Never a PIN, never a patient detail. */
export type AuditAction =
  | 'export'
  | 'login-failed'
  | 'lockout'
  | 'settings-changed'
  | 'staff-changed'
  // The fleet's staff directory: a newer change from the centre replaced one made concurrently (docs/FLEET.md).
  | 'staff-change-overwritten'
  | 'rooms-changed'
  | 'room-cleaned'
  | 'db-recovered'
  // Storage health: an hourly or closing backup could not be written.
  | 'backup-failed'
  // Sessions deleted by the retention setting.
  | 'retention-purge'
  // Storage health: an admin dismissed a recovery notice; saving worked again after a failure.
  | 'storage-alert-dismissed'
  | 'storage-writes-restored'
  // The monthly summary saved as a PDF from the admin screen.
  | 'report-pdf'
  // A content pack published from the fleet's centre, accepted (shown from the next start) or refused.
  | 'content-pack-accepted'
  | 'content-pack-refused'
  // Settings published at the fleet's centre for the hospital or the unit, in use at once, or refused.
  | 'centre-settings-accepted'
  | 'centre-settings-refused'
  // Every kiosk's sessions of the unit or hospital, with a reporting role typed for one export (refusals too).
  | 'fleet-export'
  // "Call a nurse" on the parent's help screen, and a nurse's answer to it (here or on another kiosk of the unit).
  | 'help-call-raised'
  | 'help-call-answered';

export interface AuditEntry {
  id: number;
  at: number;
  staffId: number | null;
  action: AuditAction;
  detail: Record<string, unknown> | null;
}

export function insertAuditEntry(
  db: KioskDatabase,
  entry: { at: number; staffId: number | null; action: AuditAction; detail?: Record<string, unknown> },
): number {
  // Cached: sign-ins, lockouts and the fleet's staff sync write the audit log often.
  const result = cachedStatement(db, 'INSERT INTO audit_log (at, staff_id, action, detail) VALUES (?, ?, ?, ?)').run(
    entry.at,
    entry.staffId,
    entry.action,
    entry.detail ? JSON.stringify(entry.detail) : null,
  );
  return Number(result.lastInsertRowid);
}

/** Newest first. */
export function listAuditEntries(db: KioskDatabase, limit = 100): AuditEntry[] {
  const rows = db
    .prepare('SELECT id, at, staff_id AS staffId, action, detail FROM audit_log ORDER BY at DESC, id DESC LIMIT ?')
    .all(limit) as (Omit<AuditEntry, 'detail'> & { detail: string | null })[];
  return rows.map((row) => ({
    ...row,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
  }));
}
