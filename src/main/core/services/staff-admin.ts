import type { StaffMember, StaffRole } from '../../../shared/domain';
import type { Clock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { KioskError } from '../errors';
import { insertAuditEntry } from '../repositories/audit-log-repository';
import {
  countActiveAdmins,
  findStaffByBadge,
  findStaffByNumber,
  getStaff,
  insertStaff,
  listStaff,
  nextStaffNumber,
  replaceStaffBadge,
  replaceStaffPin,
  updateStaffProfile,
  type StaffRow,
} from '../repositories/staff-repository';
import { readFleetLink } from '../repositories/fleet-outbox-repository';
import { hashBadge, hashBadgeWith, type FleetBadgeKey } from './badge-hashing';
import { hashPin } from './pin-hashing';

const toMember = (row: StaffRow, now: number): StaffMember => ({
  id: row.id,
  staffNumber: row.staffNumber,
  displayName: row.displayName,
  role: row.role,
  disabled: row.disabled,
  lockedOut: row.lockedUntil !== null && row.lockedUntil > now,
  hasBadge: row.badgeHash !== null || row.fleetBadgeHash !== null,
});

/**
 * Staff accounts, for admins on the kiosk and for IT on the command line. Every change is audited with who made it
 * (null for the command line, which runs as whoever can open the data folder).
 */
export class StaffAdmin {
  readonly #db: KioskDatabase;
  readonly #clock: Clock;
  readonly #fleetBadgeKey: FleetBadgeKey;

  constructor(db: KioskDatabase, clock: Clock, fleetBadgeKey: FleetBadgeKey = () => null) {
    this.#db = db;
    this.#clock = clock;
    this.#fleetBadgeKey = fleetBadgeKey;
  }

  list(): StaffMember[] {
    const now = this.#clock.now();
    return listStaff(this.#db).map((row) => toMember(row, now));
  }

  async add(
    request: { displayName: string; role: StaffRole; pin: string; staffNumber?: string | undefined },
    byStaffId: number | null,
  ): Promise<StaffMember> {
    const credentials = await hashPin(request.pin);
    return this.#db
      .transaction(() => {
        const staffNumber = request.staffNumber ?? nextStaffNumber(this.#db);
        if (findStaffByNumber(this.#db, staffNumber)) {
          throw new KioskError('conflict', `Staff number ${staffNumber} is already in use.`);
        }
        const id = insertStaff(this.#db, {
          staffNumber,
          displayName: request.displayName,
          role: request.role,
          ...credentials,
          createdAt: this.#clock.now(),
        });
        this.#audit(byStaffId, { change: 'added', staffNumber, role: request.role });
        return toMember(getStaff(this.#db, id)!, this.#clock.now());
      })
      .immediate();
  }

  update(
    staffId: number,
    change: { displayName?: string | undefined; role?: StaffRole | undefined; disabled?: boolean | undefined },
    byStaffId: number | null,
  ): StaffMember {
    return this.#db
      .transaction(() => {
        const current = this.#existing(staffId);
        const next = {
          displayName: change.displayName ?? current.displayName,
          role: change.role ?? current.role,
          disabled: change.disabled ?? current.disabled,
        };
        const stopsBeingActiveAdmin =
          current.role === 'admin' && !current.disabled && (next.role !== 'admin' || next.disabled);
        if (stopsBeingActiveAdmin && countActiveAdmins(this.#db) <= 1) {
          throw new KioskError('conflict', 'This is the last active admin. Add another admin first.');
        }
        updateStaffProfile(this.#db, staffId, next);
        this.#audit(byStaffId, { change: 'updated', staffNumber: current.staffNumber, ...change });
        return toMember(getStaff(this.#db, staffId)!, this.#clock.now());
      })
      .immediate();
  }

  async resetPin(staffId: number, pin: string, byStaffId: number | null): Promise<StaffMember> {
    const credentials = await hashPin(pin);
    return this.#db
      .transaction(() => {
        const current = this.#existing(staffId);
        replaceStaffPin(this.#db, staffId, credentials);
        this.#audit(byStaffId, { change: 'pin-reset', staffNumber: current.staffNumber });
        return toMember(getStaff(this.#db, staffId)!, this.#clock.now());
      })
      .immediate();
  }

  /**
   * Gives a staff member a badge (null takes it away). A badge already given to someone else is refused. In a fleet
   * the badge is hashed with the fleet's key and travels; otherwise with this kiosk's own key and stays here.
   */
  setBadge(staffId: number, badge: string | null, byStaffId: number | null): StaffMember {
    const fleetKey = this.#fleetBadgeKey();
    return this.#db
      .transaction(() => {
        const current = this.#existing(staffId);
        if (badge !== null && fleetKey === null && readFleetLink(this.#db)) {
          // Hashed with this kiosk's own key, the badge would silently work here only.
          throw new KioskError(
            'conflict',
            "This kiosk is in a fleet but cannot read the fleet's badge key here (not fetched from the centre yet, " +
              'or sealed for the kiosk app alone): a badge set now would work on this kiosk only. Try again later.',
          );
        }
        const hashes =
          badge === null
            ? { own: null, fleet: null }
            : fleetKey
              ? { own: null, fleet: hashBadgeWith(fleetKey, badge) }
              : { own: hashBadge(this.#db, badge), fleet: null };
        if (badge !== null) {
          const holder = findStaffByBadge(this.#db, { own: hashBadge(this.#db, badge), fleet: hashes.fleet });
          if (holder && holder.id !== staffId) {
            throw new KioskError('conflict', `This badge is already set for staff number ${holder.staffNumber}.`);
          }
        }
        replaceStaffBadge(this.#db, staffId, hashes);
        // The badge itself is a credential: the audit says only that it changed.
        this.#audit(byStaffId, {
          change: badge === null ? 'badge-removed' : 'badge-set',
          staffNumber: current.staffNumber,
        });
        return toMember(getStaff(this.#db, staffId)!, this.#clock.now());
      })
      .immediate();
  }

  findByNumber(staffNumber: string): StaffMember | undefined {
    const row = findStaffByNumber(this.#db, staffNumber);
    return row && toMember(row, this.#clock.now());
  }

  #existing(staffId: number): StaffRow {
    const row = getStaff(this.#db, staffId);
    if (!row) throw new KioskError('not-found', 'There is no such staff member.');
    return row;
  }

  #audit(byStaffId: number | null, detail: Record<string, unknown>): void {
    insertAuditEntry(this.#db, { at: this.#clock.now(), staffId: byStaffId, action: 'staff-changed', detail });
  }
}
