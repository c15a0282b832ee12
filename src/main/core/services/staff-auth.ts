import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { StaffRole, StaffSignIn } from '../../../shared/domain';
import type { Clock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { KioskError } from '../errors';
import { insertAuditEntry } from '../repositories/audit-log-repository';
import { readKioskState, writeKioskState } from '../repositories/kiosk-state-repository';
import { clearFailedSignIns, findStaffByNumber, recordFailedSignIn } from '../repositories/staff-repository';
import { DECOY_CREDENTIALS, verifyPin } from './pin-hashing';

export const MAX_FAILED_ATTEMPTS = 5;
const FIRST_LOCKOUT_MS = 60_000;
const LONGEST_LOCKOUT_MS = 60 * 60_000;
/**
 * The whole keypad locks for at most 15 minutes: long enough to stop guessing, short enough that someone poking at
 * the screen cannot keep nurses out for an hour. (A parent can always end their own session without a PIN.)
 */
const LONGEST_KEYPAD_LOCKOUT_MS = 15 * 60_000;

/** Each lockout in a row lasts twice as long as the one before: 1, 2, 4 … minutes, at most an hour. */
export function lockoutDuration(lockoutCount: number): number {
  return Math.min(FIRST_LOCKOUT_MS * 2 ** Math.max(0, lockoutCount - 1), LONGEST_LOCKOUT_MS);
}

export function keypadLockoutDuration(lockoutCount: number): number {
  return Math.min(lockoutDuration(lockoutCount), LONGEST_KEYPAD_LOCKOUT_MS);
}

/** Wrong tries on this kiosk's keypad in a row, whatever staff number was typed; kept in the database. */
interface KeypadLock {
  failures: number;
  lockouts: number;
  lockedUntil: number | null;
}

const KEYPAD_LOCK_KEY = 'keypadLock';
const keypadLockSchema = z.object({
  failures: z.number().int().min(0),
  lockouts: z.number().int().min(0),
  lockedUntil: z.number().nullable(),
});
const UNLOCKED: KeypadLock = { failures: 0, lockouts: 0, lockedUntil: null };

export interface SignedInStaff {
  staffId: number;
  staffNumber: string;
  role: StaffRole;
}

interface StaffToken extends SignedInStaff {
  expiresAt: number;
}

/**
 * Staff sign-in on a shared screen: a staff number and a PIN (no list of names for parents to see).
 * A sign-in is an opaque token kept in main's memory only; it lapses after the configured inactivity.
 */
export class StaffAuth {
  readonly #db: KioskDatabase;
  readonly #clock: Clock;
  readonly #idleMs: () => number;
  readonly #tokens = new Map<string, StaffToken>();

  constructor(db: KioskDatabase, clock: Clock, idleMs: () => number) {
    this.#db = db;
    this.#clock = clock;
    this.#idleMs = idleMs;
  }

  async signIn(staffNumber: string, pin: string): Promise<StaffSignIn> {
    const now = this.#clock.now();
    const keypad = this.#keypadLock();
    if (keypad.lockedUntil !== null && keypad.lockedUntil > now) {
      throw new KioskError('locked-out', lockedMessage(keypad.lockedUntil - now));
    }
    const staff = findStaffByNumber(this.#db, staffNumber);
    if (staff?.lockedUntil != null && staff.lockedUntil > now) {
      throw new KioskError('locked-out', lockedMessage(staff.lockedUntil - now));
    }
    // Unknown and disabled staff numbers cost the same scrypt time as real ones, so timing reveals nothing.
    const pinMatches = await verifyPin(pin, staff && !staff.disabled ? staff : DECOY_CREDENTIALS);
    if (!staff || staff.disabled || !pinMatches) {
      this.#recordFailure(staffNumber, staff && !staff.disabled ? staff : undefined);
      throw new KioskError('unauthorized', 'That staff number and PIN do not match.');
    }
    this.#db.transaction(() => {
      clearFailedSignIns(this.#db, staff.id);
      writeKioskState(this.#db, KEYPAD_LOCK_KEY, UNLOCKED);
    })();
    const staffToken = randomBytes(32).toString('base64url');
    const expiresAt = this.#clock.now() + this.#idleMs();
    this.#tokens.set(staffToken, { staffId: staff.id, staffNumber: staff.staffNumber, role: staff.role, expiresAt });
    return { staffToken, staffNumber: staff.staffNumber, role: staff.role, expiresAt };
  }

  #recordFailure(
    staffNumber: string,
    staff: { id: number; failedAttempts: number; lockoutCount: number } | undefined,
  ): void {
    const at = this.#clock.now();
    this.#db.transaction(() => {
      insertAuditEntry(this.#db, { at, staffId: staff?.id ?? null, action: 'login-failed', detail: { staffNumber } });
      this.#countKeypadFailure(at);
      if (!staff) return;
      const failedAttempts = staff.failedAttempts + 1;
      if (failedAttempts < MAX_FAILED_ATTEMPTS) {
        recordFailedSignIn(this.#db, staff.id, { failedAttempts, lockoutCount: staff.lockoutCount, lockedUntil: null });
        return;
      }
      const lockoutCount = staff.lockoutCount + 1;
      const lockedUntil = at + lockoutDuration(lockoutCount);
      recordFailedSignIn(this.#db, staff.id, { failedAttempts: 0, lockoutCount, lockedUntil });
      insertAuditEntry(this.#db, {
        at,
        staffId: staff.id,
        action: 'lockout',
        detail: { scope: 'staff', staffNumber, lockoutCount, lockedUntil },
      });
    })();
  }

  #keypadLock(): KeypadLock {
    const parsed = keypadLockSchema.safeParse(readKioskState(this.#db, KEYPAD_LOCK_KEY));
    return parsed.success ? parsed.data : UNLOCKED;
  }

  #countKeypadFailure(at: number): void {
    const keypad = this.#keypadLock();
    const failures = keypad.failures + 1;
    if (failures < MAX_FAILED_ATTEMPTS) {
      writeKioskState(this.#db, KEYPAD_LOCK_KEY, { ...keypad, failures });
      return;
    }
    const lockouts = keypad.lockouts + 1;
    const lockedUntil = at + keypadLockoutDuration(lockouts);
    writeKioskState(this.#db, KEYPAD_LOCK_KEY, { failures: 0, lockouts, lockedUntil });
    insertAuditEntry(this.#db, {
      at,
      staffId: null,
      action: 'lockout',
      detail: { scope: 'keypad', lockouts, lockedUntil },
    });
  }

  /** The staff member behind a token, refreshing its inactivity window; throws when unknown or lapsed. */
  require(staffToken: string, role?: StaffRole): SignedInStaff {
    const entry = this.#tokens.get(staffToken);
    const now = this.#clock.now();
    if (!entry || entry.expiresAt <= now) {
      this.#tokens.delete(staffToken);
      throw new KioskError('unauthorized', 'Staff sign-in has ended. Please sign in again.');
    }
    if (role === 'admin' && entry.role !== 'admin') {
      throw new KioskError('forbidden', 'Only an admin can do this.');
    }
    entry.expiresAt = now + this.#idleMs();
    return { staffId: entry.staffId, staffNumber: entry.staffNumber, role: entry.role };
  }

  signOut(staffToken: string): void {
    this.#tokens.delete(staffToken);
  }

  /** Refreshes a sign-in that staff are still using; answers when it will now lapse. */
  keepAlive(staffToken: string): number {
    this.require(staffToken);
    return this.#tokens.get(staffToken)!.expiresAt;
  }
}

function lockedMessage(remainingMs: number): string {
  const minutes = Math.max(1, Math.ceil(remainingMs / 60_000));
  return `Too many wrong PINs. The keypad is locked for ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}
