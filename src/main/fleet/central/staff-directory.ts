import type { StaffDirectoryFields } from '../../core/repositories/fleet-staff-repository';
import type { PulledStaffChange } from '../../core/services/fleet-staff-directory';
import type { StaffRole } from '../../../shared/domain';
import type { CentralConnection } from './central-connection';

/**
 * The fleet's staff directory at the centre (migration 003). Every change goes through fleet.change_staff, which
 * names the changer from the connection's own login role: nothing here can say who is changing. Badges travel as
 * their hash keyed with the fleet's badge key (migration 010).
 */
export interface StaffChangeRequest extends StaffDirectoryFields {
  /** The change number the changer saw for this staff member (0: none); null from the owner's command: the current. */
  basedOn: number | null;
  /** The kiosk's own id for this change, so sending it twice records it once; null from the owner's command. */
  requestId: string | null;
}

/** The channel fleet.change_staff notifies at each commit, its payload the change number. */
export const STAFF_DIRECTORY_CHANNEL = 'fleet_staff_directory';

/**
 * Whether the centre has migration 010 (badges in the directory). A kiosk updated before the centre was migrated
 * keeps delivering without badges (it has no badge key then, so has none to send) instead of failing every sync.
 */
export async function centreCarriesBadges(sql: CentralConnection): Promise<boolean> {
  const [row] = await sql.query<{ present: boolean }>(
    `SELECT to_regprocedure('fleet.change_staff(text, text, text, bytea, bytea, boolean, bigint, text, bytea)')
       IS NOT NULL AS present`,
  );
  return row?.present === true;
}

/**
 * Records one change; answers its number. Run inside the caller's transaction to send several at once. Without
 * `badges` (a centre before migration 010) the step-3 function records it, leaving the badge as it was.
 */
export async function recordStaffChange(
  sql: CentralConnection,
  change: StaffChangeRequest,
  badges = true,
): Promise<number> {
  const [row] = await sql.query<{ change_no: string }>(
    badges
      ? 'SELECT fleet.change_staff($1, $2, $3, $4, $5, $6, $7, $8, $9)::text AS change_no'
      : 'SELECT fleet.change_staff($1, $2, $3, $4, $5, $6, $7, $8)::text AS change_no',
    [
      change.staffNumber,
      change.displayName,
      change.role,
      change.pinHash,
      change.pinSalt,
      change.disabled,
      change.basedOn,
      change.requestId,
      ...(badges ? [change.badgeHash] : []),
    ],
  );
  return Number(row!.change_no);
}

interface RawStaff {
  staff_number: string;
  display_name: string;
  role: StaffRole;
  pin_hash: Buffer;
  pin_salt: Buffer;
  disabled: boolean;
  badge_hash: Buffer | null;
  change_no: string;
  changed_by: string;
  overwrote_change_no: string | null;
  overwrote_by: string | null;
}

const toChange = (raw: RawStaff): PulledStaffChange => ({
  staffNumber: raw.staff_number,
  displayName: raw.display_name,
  role: raw.role,
  pinHash: raw.pin_hash,
  pinSalt: raw.pin_salt,
  disabled: raw.disabled,
  badgeHash: raw.badge_hash,
  changeNo: Number(raw.change_no),
  changedBy: raw.changed_by,
  overwrote:
    raw.overwrote_change_no === null ? null : { changeNo: Number(raw.overwrote_change_no), by: raw.overwrote_by ?? '' },
});

/** Staff members changed after change `after`, each as it is now, oldest change first. */
export async function readStaffChangesSince(
  sql: CentralConnection,
  after: number,
  limit = 1_000,
  badges = true,
): Promise<PulledStaffChange[]> {
  const badge = badges ? 'badge_hash' : 'NULL::bytea AS badge_hash';
  const rows = await sql.query<RawStaff>(
    `SELECT staff_number, display_name, role, pin_hash, pin_salt, disabled, ${badge}, change_no::text, changed_by,
       overwrote_change_no::text, overwrote_by
     FROM fleet.staff s WHERE s.change_no > $1
     -- Qualified: a bare change_no here would sort by the text column of the same name above.
     ORDER BY s.change_no LIMIT $2`,
    [after, limit],
  );
  return rows.map(toChange);
}

/** The owner's view of one staff member, for a change made from the command line. */
export async function readCentralStaff(
  sql: CentralConnection,
  staffNumber: string,
): Promise<PulledStaffChange | undefined> {
  const [row] = await sql.query<RawStaff>(
    `SELECT staff_number, display_name, role, pin_hash, pin_salt, disabled, badge_hash, change_no::text, changed_by,
       overwrote_change_no::text, overwrote_by
     FROM fleet.staff WHERE staff_number = $1`,
    [staffNumber],
  );
  return row && toChange(row);
}

export interface DirectoryEntry {
  staffNumber: string;
  displayName: string;
  role: StaffRole;
  disabled: boolean;
  changeNo: number;
  changedAt: Date;
  changedBy: string;
}

/** The whole directory without credentials, in staff-number order. */
export async function listCentralStaff(sql: CentralConnection): Promise<DirectoryEntry[]> {
  const rows = await sql.query<{
    staff_number: string;
    display_name: string;
    role: StaffRole;
    disabled: boolean;
    change_no: string;
    changed_at: Date;
    changed_by: string;
  }>(
    `SELECT staff_number, display_name, role, disabled, change_no::text, changed_at, changed_by
     FROM fleet.staff ORDER BY length(staff_number), staff_number`,
  );
  return rows.map((row) => ({
    staffNumber: row.staff_number,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled,
    changeNo: Number(row.change_no),
    changedAt: row.changed_at,
    changedBy: row.changed_by,
  }));
}

/** A command's refusal (no such staff member, a number already taken): nothing was changed. */
export class StaffDirectoryError extends Error {}

/**
 * A change made by IT with the owner's role: the staff member is read and changed under the directory's lock, so no
 * kiosk's change slips in between and is overwritten unseen. Answers the change number.
 */
export async function changeCentralStaff(
  sql: CentralConnection,
  staffNumber: string,
  change: (current: StaffDirectoryFields | undefined) => StaffDirectoryFields,
): Promise<number> {
  return sql.transaction(async (tx) => {
    await tx.query('LOCK TABLE fleet.staff IN SHARE ROW EXCLUSIVE MODE');
    const current = await readCentralStaff(tx, staffNumber);
    const next = change(current);
    return recordStaffChange(tx, { ...next, basedOn: current?.changeNo ?? 0, requestId: null });
  });
}

/** The fleet's badge key (migration 010), for a kiosk's role; null when the centre has no such step yet. */
export async function readFleetBadgeKey(sql: CentralConnection): Promise<Buffer | null> {
  try {
    const [row] = await sql.query<{ key: Buffer | null }>('SELECT fleet.badge_key() AS key');
    return row?.key ?? null;
  } catch (error) {
    // undefined_function: a centre not yet migrated to step 10; badges then stay local until it is.
    if ((error as { code?: string }).code === '42883') return null;
    throw error;
  }
}
