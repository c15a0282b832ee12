import type { CentralMigration } from './central-migration';

/** A staff member's directory fields, as columns of both tables: the same formats the kiosk's SQLite keeps. */
const STAFF_FIELDS = `staff_number text NOT NULL CHECK (staff_number ~ '^[0-9]{1,8}$'),
       display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
       role text NOT NULL CHECK (role IN ('nurse', 'admin')),
       pin_hash bytea NOT NULL CHECK (length(pin_hash) = 32),
       pin_salt bytea NOT NULL CHECK (length(pin_salt) = 16),
       disabled boolean NOT NULL,`;

/** Columns anyone reading the directory may see: everything but the credentials. */
const PUBLIC_COLUMNS = 'staff_number, display_name, role, disabled, change_no, changed_at, changed_by';

/**
 * One staff directory for the fleet (docs/FLEET.md). fleet.staff holds each staff member's current fields;
 * fleet.staff_changes every change that made them. Nobody but the owner writes either table: a kiosk (and the owner's
 * command) changes staff only through fleet.change_staff, which runs as the owner, takes the changer's name from
 * session_user (the login role: inside the function current_user is the owner, and a kiosk cannot change its
 * session_user), and never deletes. Changes are numbered under a lock held until commit, so numbers are in commit
 * order and a kiosk that pulls "after N" never skips a change that commits later with a smaller number. A change based
 * on an older number than the current one (two admins at once) still wins, being newer, and records the one it
 * replaced so the kiosks can audit it.
 *
 * Least privilege: kiosks read the current directory, PIN hashes included, because they verify PINs themselves, also
 * offline; they never read the change history (old PIN hashes). The reporting role reads both without any hash.
 * PIN hashes are scrypt with a per-staff random salt and no per-kiosk secret, so a hash made on one kiosk verifies
 * on any other. Badges do not travel: a kiosk's badge hash is keyed with that kiosk's own secret.
 */
export const staffDirectory: CentralMigration = {
  version: 3,
  name: 'staff directory',
  statements: ({ kiosk, reporting }) => [
    `CREATE SEQUENCE fleet.staff_change_numbers`,
    `CREATE TABLE fleet.staff_changes (
       change_no bigint PRIMARY KEY,
       ${STAFF_FIELDS}
       based_on bigint CHECK (based_on >= 0),
       changed_at timestamptz NOT NULL DEFAULT now(),
       changed_by text NOT NULL,
       request_id text CHECK (length(request_id) BETWEEN 1 AND 40),
       UNIQUE (changed_by, request_id)
     )`,
    `CREATE TABLE fleet.staff (
       ${STAFF_FIELDS}
       change_no bigint NOT NULL UNIQUE REFERENCES fleet.staff_changes,
       changed_at timestamptz NOT NULL,
       changed_by text NOT NULL,
       overwrote_change_no bigint REFERENCES fleet.staff_changes,
       overwrote_by text,
       PRIMARY KEY (staff_number)
     )`,
    `CREATE FUNCTION fleet.change_staff(
       p_staff_number text, p_display_name text, p_role text, p_pin_hash bytea, p_pin_salt bytea,
       p_disabled boolean, p_based_on bigint, p_request_id text) RETURNS bigint
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, fleet AS $fn$
     DECLARE
       v_by text := session_user;
       v_no bigint;
       v_current fleet.staff%ROWTYPE;
       v_overwrote boolean;
     BEGIN
       -- Self-conflicting, held to commit: one change at a time, numbered in commit order. Reads are not blocked.
       LOCK TABLE fleet.staff IN SHARE ROW EXCLUSIVE MODE;
       IF p_request_id IS NOT NULL THEN
         -- The same change sent again (the kiosk did not hear the answer): its number, nothing changed.
         SELECT change_no INTO v_no FROM fleet.staff_changes WHERE changed_by = v_by AND request_id = p_request_id;
         IF FOUND THEN RETURN v_no; END IF;
       END IF;
       SELECT * INTO v_current FROM fleet.staff WHERE staff_number = p_staff_number;
       v_overwrote := FOUND AND p_based_on IS NOT NULL AND p_based_on < v_current.change_no;
       v_no := nextval('fleet.staff_change_numbers');
       INSERT INTO fleet.staff_changes (change_no, staff_number, display_name, role, pin_hash, pin_salt, disabled,
           based_on, changed_by, request_id)
         VALUES (v_no, p_staff_number, p_display_name, p_role, p_pin_hash, p_pin_salt, p_disabled,
           p_based_on, v_by, p_request_id);
       INSERT INTO fleet.staff AS s (staff_number, display_name, role, pin_hash, pin_salt, disabled, change_no,
           changed_at, changed_by, overwrote_change_no, overwrote_by)
         VALUES (p_staff_number, p_display_name, p_role, p_pin_hash, p_pin_salt, p_disabled, v_no, now(), v_by,
           CASE WHEN v_overwrote THEN v_current.change_no END, CASE WHEN v_overwrote THEN v_current.changed_by END)
         ON CONFLICT (staff_number) DO UPDATE SET display_name = excluded.display_name, role = excluded.role,
           pin_hash = excluded.pin_hash, pin_salt = excluded.pin_salt, disabled = excluded.disabled,
           change_no = excluded.change_no, changed_at = excluded.changed_at, changed_by = excluded.changed_by,
           overwrote_change_no = excluded.overwrote_change_no, overwrote_by = excluded.overwrote_by;
       -- Delivered at commit: listening kiosks pull at once instead of at their next poll.
       PERFORM pg_notify('fleet_staff_directory', v_no::text);
       RETURN v_no;
     END
     $fn$`,
    `REVOKE ALL ON FUNCTION fleet.change_staff(text, text, text, bytea, bytea, boolean, bigint, text) FROM PUBLIC`,
    `GRANT EXECUTE ON FUNCTION fleet.change_staff(text, text, text, bytea, bytea, boolean, bigint, text) TO ${kiosk}`,
    `ALTER TABLE fleet.staff ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE fleet.staff_changes ENABLE ROW LEVEL SECURITY`,
    `GRANT SELECT ON fleet.staff TO ${kiosk}`,
    `CREATE POLICY kiosks_read_directory ON fleet.staff FOR SELECT TO ${kiosk} USING (true)`,
    `GRANT SELECT (${PUBLIC_COLUMNS}) ON fleet.staff TO ${reporting}`,
    `GRANT SELECT (${PUBLIC_COLUMNS}, based_on) ON fleet.staff_changes TO ${reporting}`,
    `CREATE POLICY reporting_reads_directory ON fleet.staff FOR SELECT TO ${reporting} USING (true)`,
    `CREATE POLICY reporting_reads_changes ON fleet.staff_changes FOR SELECT TO ${reporting} USING (true)`,
  ],
};
