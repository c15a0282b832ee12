import type { StaffRole } from '../../../shared/domain';
import type { KioskDatabase } from '../db/open-database';
import { insertStaff } from '../repositories/staff-repository';
import { hashPin } from '../services/pin-hashing';

/** Adds a staff member with a real scrypt hash of their PIN. */
export async function seedStaff(
  db: KioskDatabase,
  staff: { staffNumber: string; pin: string; role?: StaffRole; displayName?: string; createdAt?: number },
): Promise<number> {
  const { pinHash, pinSalt } = await hashPin(staff.pin);
  return insertStaff(db, {
    staffNumber: staff.staffNumber,
    displayName: staff.displayName ?? `Staff ${staff.staffNumber}`,
    role: staff.role ?? 'nurse',
    pinHash,
    pinSalt,
    createdAt: staff.createdAt ?? 0,
  });
}
