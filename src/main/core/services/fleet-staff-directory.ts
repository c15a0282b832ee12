import type { Clock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { insertAuditEntry } from '../repositories/audit-log-repository';
import {
  readStaffPullCursor,
  staffFleetChangeNo,
  staffNumbersWithPendingChanges,
  writePulledStaff,
  writeStaffPullCursor,
  type StaffDirectoryFields,
} from '../repositories/fleet-staff-repository';

/** One change from the fleet's staff directory: the staff member's fields after it, numbered in the centre's order. */
export interface PulledStaffChange extends StaffDirectoryFields {
  changeNo: number;
  /** The kiosk's role or the owner's role that made it. */
  changedBy: string;
  /** The change it replaced without its maker having seen it (two admins at once), or null. */
  overwrote: { changeNo: number; by: string } | null;
}

/**
 * Applies changes pulled from the centre, in its order, in one transaction: the kiosk's directory moves from one
 * state the centre held to a later one, never to a mix. The newest change by the centre's number wins; a staff member
 * with a local change still queued keeps it, since that change will reach the centre later and so be newer. A change
 * that replaced a concurrent one is audited here, so every kiosk's log says whose change was lost.
 */
export function applyPulledStaffChanges(
  db: KioskDatabase,
  clock: Clock,
  changes: readonly PulledStaffChange[],
): { applied: number; cursor: number } {
  return db
    .transaction(() => {
      let cursor = readStaffPullCursor(db);
      let applied = 0;
      const pending = staffNumbersWithPendingChanges(db);
      for (const change of changes) {
        if (change.changeNo <= cursor) continue;
        cursor = change.changeNo;
        if (pending.has(change.staffNumber)) continue;
        const held = staffFleetChangeNo(db, change.staffNumber);
        if (held !== null && held >= change.changeNo) continue;
        const at = clock.now();
        writePulledStaff(db, change, change.changeNo, at);
        applied++;
        insertAuditEntry(db, {
          at,
          staffId: null,
          action: 'staff-changed',
          detail: {
            change: 'from-fleet',
            staffNumber: change.staffNumber,
            changeNo: change.changeNo,
            by: change.changedBy,
            role: change.role,
            disabled: change.disabled,
          },
        });
        if (change.overwrote) {
          insertAuditEntry(db, {
            at,
            staffId: null,
            action: 'staff-change-overwritten',
            detail: {
              staffNumber: change.staffNumber,
              lost: { changeNo: change.overwrote.changeNo, by: change.overwrote.by },
              won: { changeNo: change.changeNo, by: change.changedBy },
            },
          });
        }
      }
      writeStaffPullCursor(db, cursor);
      return { applied, cursor };
    })
    .immediate();
}
