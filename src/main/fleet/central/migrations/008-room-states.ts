import type { CentralMigration } from './central-migration';

/** The channel a room state change is announced on; the payload is the home kiosk's id, nothing else. */
export const ROOM_STATES_CHANNEL = 'fleet_room_states';

/**
 * The live room board across kiosks: each room's latest state, written by its home kiosk (the kiosk whose SQLite holds
 * it) and read by the kiosks of the same unit. Latest wins: one row per room, replaced in place, no history (the
 * history tables keep that). Times are the centre's: the kiosk sends how long ago a state began, and the centre
 * stamps `since` and `updated_at` on its own clock, so kiosks whose clocks differ still agree on each state's age.
 *
 * `room_name` is a room's name and nothing else (rooms are named by staff on the admin screen; a session carries no
 * parent's identifier at all), so other kiosks of the unit may show it. `kiosk_name` and `unit` are copied from
 * fleet.kiosks by a trigger, never taken from the kiosk, so a kiosk cannot place its rooms in another unit.
 *
 * `fleet.current_kiosk_unit()` is shared with the help calls' step (the identical definition, CREATE OR REPLACE, so
 * either step may come first). It reads the unit of the login role (session_user), past fleet.kiosks' row-level
 * security, which lets a kiosk see only its own row.
 */
export const roomStates: CentralMigration = {
  version: 8,
  name: 'live room states shared within a unit',
  statements: ({ kiosk, reporting }) => [
    `CREATE OR REPLACE FUNCTION fleet.current_kiosk_unit() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = fleet, pg_temp AS $$ SELECT unit FROM fleet.kiosks WHERE kiosk_id = session_user $$`,
    `REVOKE ALL ON FUNCTION fleet.current_kiosk_unit() FROM PUBLIC`,
    `GRANT EXECUTE ON FUNCTION fleet.current_kiosk_unit() TO ${kiosk}`,
    `CREATE TABLE fleet.room_states (
       kiosk_id text NOT NULL DEFAULT current_user REFERENCES fleet.kiosks,
       room_local_id bigint NOT NULL,
       room_name text NOT NULL CHECK (length(room_name) BETWEEN 1 AND 60),
       kiosk_name text NOT NULL,
       unit text,
       state text NOT NULL CHECK (state IN ('free', 'occupied', 'needs-cleaning')),
       since timestamptz,
       updated_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (kiosk_id, room_local_id)
     )`,
    `CREATE INDEX room_states_by_unit ON fleet.room_states (unit)`,
    // The kiosk's name and unit from its registration, and the centre's time of every write.
    `CREATE FUNCTION fleet.room_state_stamp() RETURNS trigger
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, fleet AS $fn$
     BEGIN
       SELECT name, unit INTO NEW.kiosk_name, NEW.unit FROM fleet.kiosks WHERE kiosk_id = NEW.kiosk_id;
       NEW.updated_at := now();
       RETURN NEW;
     END
     $fn$`,
    `CREATE TRIGGER room_state_stamp BEFORE INSERT OR UPDATE ON fleet.room_states
       FOR EACH ROW EXECUTE FUNCTION fleet.room_state_stamp()`,
    // One notification per home kiosk and transaction (PostgreSQL folds identical payloads), only when what the board
    // shows changed: the home kiosk's periodic "still here" touches updated_at alone and wakes nobody.
    `CREATE FUNCTION fleet.room_state_notify() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog AS $fn$
     BEGIN
       PERFORM pg_notify('${ROOM_STATES_CHANNEL}', coalesce(NEW.kiosk_id, OLD.kiosk_id));
       RETURN NULL;
     END
     $fn$`,
    `CREATE TRIGGER room_state_added_or_removed AFTER INSERT OR DELETE ON fleet.room_states
       FOR EACH ROW EXECUTE FUNCTION fleet.room_state_notify()`,
    `CREATE TRIGGER room_state_changed AFTER UPDATE ON fleet.room_states FOR EACH ROW
       WHEN ((OLD.room_name, OLD.state, OLD.since, OLD.kiosk_name, OLD.unit)
         IS DISTINCT FROM (NEW.room_name, NEW.state, NEW.since, NEW.kiosk_name, NEW.unit))
       EXECUTE FUNCTION fleet.room_state_notify()`,
    `ALTER TABLE fleet.room_states ENABLE ROW LEVEL SECURITY`,
    // A home kiosk writes and removes its own rooms only; it reads its own and those of its unit's kiosks.
    `GRANT SELECT, INSERT, DELETE ON fleet.room_states TO ${kiosk}`,
    `GRANT UPDATE (room_name, state, since) ON fleet.room_states TO ${kiosk}`,
    `GRANT SELECT ON fleet.room_states TO ${reporting}`,
    `CREATE POLICY kiosk_reads_unit ON fleet.room_states FOR SELECT TO ${kiosk}
       USING (kiosk_id = current_user OR unit = fleet.current_kiosk_unit())`,
    `CREATE POLICY kiosk_adds_own ON fleet.room_states FOR INSERT TO ${kiosk} WITH CHECK (kiosk_id = current_user)`,
    `CREATE POLICY kiosk_updates_own ON fleet.room_states FOR UPDATE TO ${kiosk}
       USING (kiosk_id = current_user) WITH CHECK (kiosk_id = current_user)`,
    `CREATE POLICY kiosk_removes_own ON fleet.room_states FOR DELETE TO ${kiosk} USING (kiosk_id = current_user)`,
    `CREATE POLICY reporting_reads_all ON fleet.room_states FOR SELECT TO ${reporting} USING (true)`,
  ],
};
