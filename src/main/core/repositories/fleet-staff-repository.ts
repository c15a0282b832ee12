import type { StaffRole } from '../../../shared/domain';
import type { KioskDatabase } from '../db/open-database';
import { cachedStatement } from '../db/statement-cache';
import { readKioskState, writeKioskState } from './kiosk-state-repository';

/**
 * A staff member's directory fields: what travels between a kiosk and the centre (never lockouts; a badge only as its
 * hash keyed with the fleet's badge key, never one hashed with this kiosk's own key).
 */
export interface StaffDirectoryFields {
  staffNumber: string;
  displayName: string;
  role: StaffRole;
  pinHash: Buffer;
  pinSalt: Buffer;
  disabled: boolean;
  /** HMAC-SHA-256 of the badge with the fleet's badge key, or null: no badge that travels. */
  badgeHash: Buffer | null;
}

/** A local admin's change waiting for the centre, with the centre's change number it was based on (0: none). */
export interface StaffChangeOut extends StaffDirectoryFields {
  id: number;
  basedOn: number;
}

interface RawChange {
  id: number;
  staff_number: string;
  display_name: string;
  role: StaffRole;
  pin_hash: Buffer;
  pin_salt: Buffer;
  disabled: number;
  badge_hash: Buffer | null;
  based_on: number;
}

/** The oldest local staff changes not yet accepted by the centre, in the order they were made. */
export function readStaffOutbox(db: KioskDatabase, limit: number): StaffChangeOut[] {
  const rows = cachedStatement(db, 'SELECT * FROM fleet_staff_outbox ORDER BY id LIMIT ?').all(limit) as RawChange[];
  return rows.map((raw) => ({
    id: raw.id,
    staffNumber: raw.staff_number,
    displayName: raw.display_name,
    role: raw.role,
    pinHash: raw.pin_hash,
    pinSalt: raw.pin_salt,
    disabled: raw.disabled === 1,
    badgeHash: raw.badge_hash,
    basedOn: raw.based_on,
  }));
}

export function countStaffOutbox(db: KioskDatabase): number {
  return cachedStatement(db, 'SELECT count(*) FROM fleet_staff_outbox').pluck().get() as number;
}

/** Staff numbers with a local change the centre has not accepted yet. */
export function staffNumbersWithPendingChanges(db: KioskDatabase): Set<string> {
  return new Set(cachedStatement(db, 'SELECT DISTINCT staff_number FROM fleet_staff_outbox').pluck().all() as string[]);
}

/**
 * The centre accepted these changes with these numbers: they leave the queue, and the staff member's next local
 * change is based on them. Never lowers a number already pulled.
 */
export function markStaffChangesAccepted(
  db: KioskDatabase,
  accepted: readonly { id: number; staffNumber: string; changeNo: number }[],
): void {
  db.transaction(() => {
    for (const change of accepted) {
      cachedStatement(db, 'DELETE FROM fleet_staff_outbox WHERE id = ?').run(change.id);
      cachedStatement(
        db,
        'UPDATE staff SET fleet_change_no = max(coalesce(fleet_change_no, 0), ?) WHERE staff_number = ?',
      ).run(change.changeNo, change.staffNumber);
    }
  }).immediate();
}

/** The centre's change number this kiosk last holds for a staff member, or null (never seen at the centre). */
export function staffFleetChangeNo(db: KioskDatabase, staffNumber: string): number | null {
  return (
    (cachedStatement(db, 'SELECT fleet_change_no FROM staff WHERE staff_number = ?').pluck().get(staffNumber) as
      number | null | undefined) ?? null
  );
}

/**
 * Writes a change pulled from the centre. Setting fleet_change_no with the fields is what keeps the queue's triggers
 * from sending it back. A new PIN lifts the local lockout, as a reset on the kiosk does; lockouts themselves stay here.
 */
export function writePulledStaff(
  db: KioskDatabase,
  fields: StaffDirectoryFields,
  changeNo: number,
  createdAt: number,
): void {
  const changes = cachedStatement(
    db,
    `UPDATE staff SET display_name = @displayName, role = @role, disabled = @disabled, fleet_change_no = @changeNo,
       fleet_badge_hash = @badgeHash,
       failed_attempts = CASE WHEN pin_hash = @pinHash THEN failed_attempts ELSE 0 END,
       lockout_count = CASE WHEN pin_hash = @pinHash THEN lockout_count ELSE 0 END,
       locked_until = CASE WHEN pin_hash = @pinHash THEN locked_until ELSE NULL END,
       pin_hash = @pinHash, pin_salt = @pinSalt
     WHERE staff_number = @staffNumber`,
  ).run({ ...fields, disabled: fields.disabled ? 1 : 0, changeNo }).changes;
  if (changes === 0) {
    cachedStatement(
      db,
      `INSERT INTO staff (staff_number, display_name, role, pin_hash, pin_salt, disabled, created_at, fleet_change_no,
         fleet_badge_hash)
       VALUES (@staffNumber, @displayName, @role, @pinHash, @pinSalt, @disabled, @createdAt, @changeNo, @badgeHash)`,
    ).run({ ...fields, disabled: fields.disabled ? 1 : 0, changeNo, createdAt });
  }
}

const CURSOR_KEY = 'fleetStaffChangeNo';

/** The newest change number pulled from the centre (0 before the first pull). */
export function readStaffPullCursor(db: KioskDatabase): number {
  const stored = readKioskState(db, CURSOR_KEY);
  return typeof stored === 'number' && Number.isSafeInteger(stored) && stored > 0 ? stored : 0;
}

export function writeStaffPullCursor(db: KioskDatabase, changeNo: number): void {
  writeKioskState(db, CURSOR_KEY, changeNo);
}
