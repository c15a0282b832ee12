import type { CentralMigration } from './central-migration';

const BADGE_HASH = 'bytea CHECK (badge_hash IS NULL OR length(badge_hash) = 32)';
const NEW_CHANGE_STAFF = 'fleet.change_staff(text, text, text, bytea, bytea, boolean, bigint, text, bytea)';

/**
 * Badges that travel (docs/FLEET.md): one HMAC key for the whole fleet, made here once, so a badge given on one kiosk
 * hashes the same on every other. fleet.badge_key has no grants and row level security on: only the owner reads it
 * directly, and kiosks through fleet.badge_key(), which runs as the owner; the reporting role never. The key is 32
 * bytes from two random UUIDs (244 random bits from the server's strong random source), so no extension is needed.
 *
 * The directory then carries each staff member's fleet-keyed badge hash like the PIN hash: a new change_staff with a
 * badge argument. A badge is one person's: giving it to someone else takes it from its holder as a change of its own,
 * numbered before the change that gives it, so kiosks applying changes in order never see it twice. The step-3
 * function stays for kiosks not yet updated; it leaves the badge as it was.
 */
export const fleetBadgeKey: CentralMigration = {
  version: 10,
  name: 'fleet badge key',
  statements: ({ kiosk }) => [
    `CREATE TABLE fleet.badge_key (
       only_one boolean PRIMARY KEY DEFAULT true CHECK (only_one),
       key bytea NOT NULL CHECK (length(key) = 32),
       made_at timestamptz NOT NULL DEFAULT now()
     )`,
    `ALTER TABLE fleet.badge_key ENABLE ROW LEVEL SECURITY`,
    `INSERT INTO fleet.badge_key (key)
       VALUES (decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'))`,
    `CREATE FUNCTION fleet.badge_key() RETURNS bytea
       LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, fleet
       AS $fn$ SELECT key FROM fleet.badge_key $fn$`,
    `REVOKE ALL ON FUNCTION fleet.badge_key() FROM PUBLIC`,
    `GRANT EXECUTE ON FUNCTION fleet.badge_key() TO ${kiosk}`,
    // Column grants of step 3 keep the reporting role from these columns; kiosks read fleet.staff whole.
    `ALTER TABLE fleet.staff ADD COLUMN badge_hash ${BADGE_HASH}`,
    `ALTER TABLE fleet.staff_changes ADD COLUMN badge_hash ${BADGE_HASH}`,
    `CREATE UNIQUE INDEX staff_by_badge ON fleet.staff (badge_hash) WHERE badge_hash IS NOT NULL`,
    `CREATE FUNCTION fleet.change_staff(
       p_staff_number text, p_display_name text, p_role text, p_pin_hash bytea, p_pin_salt bytea,
       p_disabled boolean, p_based_on bigint, p_request_id text, p_badge_hash bytea) RETURNS bigint
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, fleet AS $fn$
     DECLARE
       v_by text := session_user;
       v_no bigint;
       v_current fleet.staff%ROWTYPE;
       v_holder fleet.staff%ROWTYPE;
       v_overwrote boolean;
     BEGIN
       LOCK TABLE fleet.staff IN SHARE ROW EXCLUSIVE MODE;
       IF p_request_id IS NOT NULL THEN
         SELECT change_no INTO v_no FROM fleet.staff_changes WHERE changed_by = v_by AND request_id = p_request_id;
         IF FOUND THEN RETURN v_no; END IF;
       END IF;
       IF p_badge_hash IS NOT NULL THEN
         -- The badge moves: its holder loses it first, as a numbered change of its own.
         SELECT * INTO v_holder FROM fleet.staff WHERE badge_hash = p_badge_hash AND staff_number <> p_staff_number;
         IF FOUND THEN
           v_no := nextval('fleet.staff_change_numbers');
           INSERT INTO fleet.staff_changes (change_no, staff_number, display_name, role, pin_hash, pin_salt, disabled,
               based_on, changed_by, request_id, badge_hash)
             VALUES (v_no, v_holder.staff_number, v_holder.display_name, v_holder.role, v_holder.pin_hash,
               v_holder.pin_salt, v_holder.disabled, v_holder.change_no, v_by, NULL, NULL);
           UPDATE fleet.staff SET badge_hash = NULL, change_no = v_no, changed_at = now(), changed_by = v_by,
               overwrote_change_no = NULL, overwrote_by = NULL
             WHERE staff_number = v_holder.staff_number;
         END IF;
       END IF;
       SELECT * INTO v_current FROM fleet.staff WHERE staff_number = p_staff_number;
       v_overwrote := FOUND AND p_based_on IS NOT NULL AND p_based_on < v_current.change_no;
       v_no := nextval('fleet.staff_change_numbers');
       INSERT INTO fleet.staff_changes (change_no, staff_number, display_name, role, pin_hash, pin_salt, disabled,
           based_on, changed_by, request_id, badge_hash)
         VALUES (v_no, p_staff_number, p_display_name, p_role, p_pin_hash, p_pin_salt, p_disabled,
           p_based_on, v_by, p_request_id, p_badge_hash);
       INSERT INTO fleet.staff AS s (staff_number, display_name, role, pin_hash, pin_salt, disabled, change_no,
           changed_at, changed_by, overwrote_change_no, overwrote_by, badge_hash)
         VALUES (p_staff_number, p_display_name, p_role, p_pin_hash, p_pin_salt, p_disabled, v_no, now(), v_by,
           CASE WHEN v_overwrote THEN v_current.change_no END, CASE WHEN v_overwrote THEN v_current.changed_by END,
           p_badge_hash)
         ON CONFLICT (staff_number) DO UPDATE SET display_name = excluded.display_name, role = excluded.role,
           pin_hash = excluded.pin_hash, pin_salt = excluded.pin_salt, disabled = excluded.disabled,
           change_no = excluded.change_no, changed_at = excluded.changed_at, changed_by = excluded.changed_by,
           overwrote_change_no = excluded.overwrote_change_no, overwrote_by = excluded.overwrote_by,
           badge_hash = excluded.badge_hash;
       PERFORM pg_notify('fleet_staff_directory', v_no::text);
       RETURN v_no;
     END
     $fn$`,
    `REVOKE ALL ON FUNCTION ${NEW_CHANGE_STAFF} FROM PUBLIC`,
    `GRANT EXECUTE ON FUNCTION ${NEW_CHANGE_STAFF} TO ${kiosk}`,
  ],
};
