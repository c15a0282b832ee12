import { randomBytes } from 'node:crypto';
import type { StaffRole, StaffSignIn } from '../../../shared/domain';
import type { Clock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { KioskError } from '../errors';
import { insertAuditEntry } from '../repositories/audit-log-repository';
import { readKioskState, writeKioskState } from '../repositories/kiosk-state-repository';
import {
  clearFailedSignIns,
  findStaffByBadge,
  findStaffByNumber,
  recordFailedSignIn,
  type StaffRow,
} from '../repositories/staff-repository';
import { hashBadge, hashBadgeWith, type FleetBadgeKey } from './badge-hashing';
import { keypadOpensAt, keypadTriesSchema, triesInWindow, withoutTry, type KeypadTries } from './keypad-pace';
import { DECOY_CREDENTIALS, verifyPin } from './pin-hashing';

export const MAX_FAILED_ATTEMPTS = 5;
const FIRST_LOCKOUT_MS = 60_000;
/**
 * A staff number locks for at most 15 minutes: long enough to stop guessing one person's PIN, short enough that
 * someone who knows a colleague's number cannot keep her out for long. (A parent can always end their own session
 * without a PIN, and a new PIN from an admin lifts a lock.)
 */
const LONGEST_LOCKOUT_MS = 15 * 60_000;

/** Each lockout of a staff number in a row lasts twice as long as the one before: 1, 2, 4, 8, 15, 15 … minutes. */
export function lockoutDuration(lockoutCount: number): number {
  return Math.min(FIRST_LOCKOUT_MS * 2 ** Math.max(0, lockoutCount - 1), LONGEST_LOCKOUT_MS);
}

/** The keypad's wrong tries, kept in the database so a restart does not forget them. */
const KEYPAD_TRIES_KEY = 'keypadTries';

export interface SignedInStaff {
  staffId: number;
  staffNumber: string;
  role: StaffRole;
}

interface StaffToken extends SignedInStaff {
  expiresAt: number;
}

/** Who a sign-in names: a staff number typed on the keypad, or a badge read by a reader. */
type Claim = { staffNumber: string } | { badge: string };

/**
 * One try, counted before its PIN is checked: a wrong try in the keypad's window and, for a known staff member, one
 * more failed attempt (and the lock, when it is the fifth). A right PIN takes back what was counted for it only.
 */
interface Reservation {
  at: number;
  staff: StaffRow | undefined;
  /** This try was the one that locked the staff number: the lock's end. */
  lockedUntil: number | null;
  lockoutCount: number;
}

/**
 * Staff sign-in on a shared screen: a staff number (or a badge) and a PIN, never a list of names for parents to see.
 * A sign-in is an opaque token kept in main's memory only; it lapses after the configured inactivity.
 *
 * Check and count are one step: the try is counted in the same write transaction that reads the locks, before the
 * slow PIN hash runs, so tries sent in parallel cannot all pass the check while each other's hashes run.
 */
export class StaffAuth {
  readonly #db: KioskDatabase;
  readonly #clock: Clock;
  readonly #idleMs: () => number;
  readonly #badgeNeedsPin: () => boolean;
  readonly #fleetBadgeKey: FleetBadgeKey;
  readonly #tokens = new Map<string, StaffToken>();

  constructor(
    db: KioskDatabase,
    clock: Clock,
    idleMs: () => number,
    badgeNeedsPin: () => boolean = () => true,
    fleetBadgeKey: FleetBadgeKey = () => null,
  ) {
    this.#fleetBadgeKey = fleetBadgeKey;
    this.#db = db;
    this.#clock = clock;
    this.#idleMs = idleMs;
    this.#badgeNeedsPin = badgeNeedsPin;
  }

  signIn(staffNumber: string, pin: string): Promise<StaffSignIn> {
    return this.#attempt({ staffNumber }, pin);
  }

  /** A badge tapped on the reader, with the PIN unless an admin turned that off. */
  signInWithBadge(badge: string, pin: string | undefined): Promise<StaffSignIn> {
    if (pin === undefined && this.#badgeNeedsPin()) {
      throw new KioskError('invalid-input', 'Please enter your PIN after the badge.');
    }
    return this.#attempt({ badge }, pin);
  }

  async #attempt(claim: Claim, pin: string | undefined): Promise<StaffSignIn> {
    const reservation = this.#reserve(claim);
    const { staff } = reservation;
    // Unknown and disabled staff cost the same scrypt time as real ones, so timing reveals nothing.
    const matches = pin === undefined ? staff !== undefined : await verifyPin(pin, staff ?? DECOY_CREDENTIALS);
    if (!matches || !staff) this.#settleFailure(claim, reservation);
    return this.#settleSuccess(staff!, reservation);
  }

  #reserve(claim: Claim): Reservation {
    const fleetKey = 'badge' in claim ? this.#fleetBadgeKey() : null;
    return this.#db
      .transaction((): Reservation => {
        const at = this.#clock.now();
        const tries = this.#keypadTries(at);
        const opensAt = keypadOpensAt(tries, at);
        if (opensAt > at) throw new KioskError('locked-out', waitMessage(opensAt - at));
        const found =
          'badge' in claim
            ? findStaffByBadge(this.#db, {
                own: hashBadge(this.#db, claim.badge),
                fleet: fleetKey && hashBadgeWith(fleetKey, claim.badge),
              })
            : findStaffByNumber(this.#db, claim.staffNumber);
        const staff = found && !found.disabled ? found : undefined;
        if (staff?.lockedUntil != null && staff.lockedUntil > at) {
          throw new KioskError('locked-out', lockedMessage(staff.lockedUntil - at));
        }
        writeKioskState(this.#db, KEYPAD_TRIES_KEY, [...tries, at]);
        if (!staff) return { at, staff, lockedUntil: null, lockoutCount: 0 };
        const failedAttempts = staff.failedAttempts + 1;
        if (failedAttempts < MAX_FAILED_ATTEMPTS) {
          recordFailedSignIn(this.#db, staff.id, {
            failedAttempts,
            lockoutCount: staff.lockoutCount,
            lockedUntil: null,
          });
          return { at, staff, lockedUntil: null, lockoutCount: staff.lockoutCount };
        }
        const lockoutCount = staff.lockoutCount + 1;
        const lockedUntil = at + lockoutDuration(lockoutCount);
        recordFailedSignIn(this.#db, staff.id, { failedAttempts: 0, lockoutCount, lockedUntil });
        return { at, staff, lockedUntil, lockoutCount };
      })
      .immediate();
  }

  /** The try stays counted; it is audited, and the answer says when the keypad or the number opens again. */
  #settleFailure(claim: Claim, reservation: Reservation): never {
    const { at, staff, lockedUntil, lockoutCount } = reservation;
    const named = 'badge' in claim ? { badge: true, staffNumber: staff?.staffNumber ?? null } : claim;
    const waitMs = this.#db
      .transaction(() => {
        insertAuditEntry(this.#db, { at, staffId: staff?.id ?? null, action: 'login-failed', detail: named });
        if (staff && lockedUntil !== null) {
          insertAuditEntry(this.#db, {
            at,
            staffId: staff.id,
            action: 'lockout',
            detail: { scope: 'staff', staffNumber: staff.staffNumber, lockoutCount, lockedUntil },
          });
        }
        const now = this.#clock.now();
        return keypadOpensAt(this.#keypadTries(now), now) - now;
      })
      .immediate();
    if (lockedUntil !== null) throw new KioskError('locked-out', lockedMessage(lockedUntil - at));
    const subject = 'badge' in claim ? 'That badge and PIN' : 'That staff number and PIN';
    throw new KioskError('unauthorized', `${subject} do not match.${waitMs > 0 ? ` ${waitSentence(waitMs)}` : ''}`);
  }

  #settleSuccess(staff: StaffRow, reservation: Reservation): StaffSignIn {
    this.#db
      .transaction(() => {
        clearFailedSignIns(this.#db, staff.id);
        // Only this try is taken back: wrong tries before it stay in the keypad's window.
        const now = this.#clock.now();
        writeKioskState(this.#db, KEYPAD_TRIES_KEY, withoutTry(this.#keypadTries(now), reservation.at));
      })
      .immediate();
    const staffToken = randomBytes(32).toString('base64url');
    const expiresAt = this.#clock.now() + this.#idleMs();
    this.#tokens.set(staffToken, { staffId: staff.id, staffNumber: staff.staffNumber, role: staff.role, expiresAt });
    return { staffToken, staffNumber: staff.staffNumber, role: staff.role, expiresAt };
  }

  #keypadTries(now: number): KeypadTries {
    const parsed = keypadTriesSchema.safeParse(readKioskState(this.#db, KEYPAD_TRIES_KEY));
    return parsed.success ? triesInWindow(parsed.data, now) : [];
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

/** "… locked for N minutes": the renderer reads the number back to say it in the kiosk's language. */
function lockedMessage(remainingMs: number): string {
  const minutes = Math.max(1, Math.ceil(remainingMs / 60_000));
  return `Too many wrong PINs. This staff number is locked for ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

function waitSentence(remainingMs: number): string {
  const seconds = Math.max(1, Math.ceil(remainingMs / 1000));
  return `Please wait ${seconds} second${seconds === 1 ? '' : 's'} before the next try.`;
}

function waitMessage(remainingMs: number): string {
  return `Too many wrong tries on this keypad. ${waitSentence(remainingMs)}`;
}
