import type { StaffRole } from '../../../shared/domain';
import type { KioskDatabase } from '../db/open-database';
import { cachedStatement } from '../db/statement-cache';

export interface StaffRow {
  id: number;
  staffNumber: string;
  displayName: string;
  role: StaffRole;
  pinHash: Buffer;
  pinSalt: Buffer;
  failedAttempts: number;
  lockoutCount: number;
  lockedUntil: number | null;
  disabled: boolean;
  createdAt: number;
  /** The badge keyed with this kiosk's own key (never travels), or null. */
  badgeHash: Buffer | null;
  /** The badge keyed with the fleet's badge key (travels in the staff directory), or null. */
  fleetBadgeHash: Buffer | null;
}

interface RawStaff {
  id: number;
  staff_number: string;
  display_name: string;
  role: StaffRole;
  pin_hash: Buffer;
  pin_salt: Buffer;
  failed_attempts: number;
  lockout_count: number;
  locked_until: number | null;
  disabled: number;
  created_at: number;
  badge_hash: Buffer | null;
  fleet_badge_hash: Buffer | null;
}

const toStaff = (raw: RawStaff): StaffRow => ({
  id: raw.id,
  staffNumber: raw.staff_number,
  displayName: raw.display_name,
  role: raw.role,
  pinHash: raw.pin_hash,
  pinSalt: raw.pin_salt,
  failedAttempts: raw.failed_attempts,
  lockoutCount: raw.lockout_count,
  lockedUntil: raw.locked_until,
  disabled: raw.disabled === 1,
  createdAt: raw.created_at,
  badgeHash: raw.badge_hash,
  fleetBadgeHash: raw.fleet_badge_hash,
});

export interface NewStaff {
  staffNumber: string;
  displayName: string;
  role: StaffRole;
  pinHash: Buffer;
  pinSalt: Buffer;
  createdAt: number;
}

export function insertStaff(db: KioskDatabase, staff: NewStaff): number {
  const result = cachedStatement(
    db,
    `INSERT INTO staff (staff_number, display_name, role, pin_hash, pin_salt, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(staff.staffNumber, staff.displayName, staff.role, staff.pinHash, staff.pinSalt, staff.createdAt);
  return Number(result.lastInsertRowid);
}

export function findStaffByNumber(db: KioskDatabase, staffNumber: string): StaffRow | undefined {
  const raw = cachedStatement(db, 'SELECT * FROM staff WHERE staff_number = ?').get(staffNumber) as
    RawStaff | undefined;
  return raw && toStaff(raw);
}

/**
 * The holder of a badge: by its fleet-keyed hash first (the newest directory change, should two briefly hold it),
 * then by its hash under this kiosk's own key.
 */
export function findStaffByBadge(
  db: KioskDatabase,
  hashes: { own: Buffer; fleet: Buffer | null },
): StaffRow | undefined {
  const raw = (hashes.fleet &&
    cachedStatement(
      db,
      'SELECT * FROM staff WHERE fleet_badge_hash = ? ORDER BY coalesce(fleet_change_no, 0) DESC LIMIT 1',
    ).get(hashes.fleet)) as RawStaff | undefined;
  const found = raw ?? (cachedStatement(db, 'SELECT * FROM staff WHERE badge_hash = ?').get(hashes.own) as RawStaff);
  return found && toStaff(found);
}

/** Gives a staff member a badge, hashed with one key or the other, or takes it away (both null). */
export function replaceStaffBadge(
  db: KioskDatabase,
  id: number,
  hashes: { own: Buffer | null; fleet: Buffer | null },
): void {
  cachedStatement(db, 'UPDATE staff SET badge_hash = ?, fleet_badge_hash = ? WHERE id = ?').run(
    hashes.own,
    hashes.fleet,
    id,
  );
}

export function getStaff(db: KioskDatabase, id: number): StaffRow | undefined {
  const raw = cachedStatement(db, 'SELECT * FROM staff WHERE id = ?').get(id) as RawStaff | undefined;
  return raw && toStaff(raw);
}

export function countActiveAdmins(db: KioskDatabase): number {
  return cachedStatement(db, "SELECT count(*) FROM staff WHERE role = 'admin' AND disabled = 0")
    .pluck()
    .get() as number;
}

/** Stores the outcome of a wrong PIN: the new count and, when the limit was reached, the lockout. */
export function recordFailedSignIn(
  db: KioskDatabase,
  id: number,
  state: { failedAttempts: number; lockoutCount: number; lockedUntil: number | null },
): void {
  cachedStatement(db, 'UPDATE staff SET failed_attempts = ?, lockout_count = ?, locked_until = ? WHERE id = ?').run(
    state.failedAttempts,
    state.lockoutCount,
    state.lockedUntil,
    id,
  );
}

/** A correct PIN clears the failure count and any lockout history. */
export function clearFailedSignIns(db: KioskDatabase, id: number): void {
  cachedStatement(db, 'UPDATE staff SET failed_attempts = 0, lockout_count = 0, locked_until = NULL WHERE id = ?').run(
    id,
  );
}

/** Every staff member, for the admin list (never shown to parents). */
export function listStaff(db: KioskDatabase): StaffRow[] {
  return (
    cachedStatement(
      db,
      'SELECT * FROM staff ORDER BY disabled, CAST(staff_number AS INTEGER), staff_number',
    ).all() as RawStaff[]
  ).map(toStaff);
}

export function updateStaffProfile(
  db: KioskDatabase,
  id: number,
  change: { displayName: string; role: StaffRole; disabled: boolean },
): void {
  cachedStatement(db, 'UPDATE staff SET display_name = ?, role = ?, disabled = ? WHERE id = ?').run(
    change.displayName,
    change.role,
    change.disabled ? 1 : 0,
    id,
  );
}

/** A new PIN also lifts any lockout: IT resets a PIN precisely when someone is locked out. */
export function replaceStaffPin(db: KioskDatabase, id: number, pin: { pinHash: Buffer; pinSalt: Buffer }): void {
  cachedStatement(
    db,
    'UPDATE staff SET pin_hash = ?, pin_salt = ?, failed_attempts = 0, lockout_count = 0, locked_until = NULL WHERE id = ?',
  ).run(pin.pinHash, pin.pinSalt, id);
}

/** The next free staff number when an admin does not choose one: one more than the highest in use, from 100. */
export function nextStaffNumber(db: KioskDatabase): string {
  const highest = cachedStatement(db, 'SELECT max(CAST(staff_number AS INTEGER)) FROM staff').pluck().get() as
    number | null;
  return String(Math.max(100, (highest ?? 99) + 1));
}
