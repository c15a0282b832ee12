import type { CentralMigration } from './central-migration';

/** A call that reached the centre more than this after it was raised (the kiosk's own clock) is marked late. */
export const LATE_AFTER_SECONDS = 60;

/**
 * Help calls (docs/FLEET.md): a parent's "Call a nurse", delivered by the kiosk at once, read by the other kiosks of
 * its unit, answered by a nurse on any of them.
 *
 * - The kiosk inserts its own calls only (RLS), and only the columns it knows: the unit, received_at, the late flag
 *   and the answer are set here by a trigger, never taken from the kiosk. received_at is the centre's now(): the
 *   time the parent reads ("the nurses' station was told at 03:12"). Late is decided from waited_ms, how long the call
 *   waited on the kiosk as the kiosk measured it, so two clocks minutes apart never make a call late or on time.
 * - Kiosks of the same unit read the unit's calls. None updates a call: fleet.acknowledge_help_call, running as the
 *   owner, records who answered (a staff number, as the kiosk's signed-in nurse), from which kiosk (session_user) and
 *   when, for calls of the caller's own unit only; the first answer stands.
 * - NOTIFY fleet_help_calls on a new call and on an answer: listening kiosks read the open calls at once.
 * - fleet.current_kiosk_unit is also defined, identically, by the live room board's step: either may come first.
 */
export const helpCalls: CentralMigration = {
  version: 7,
  name: 'help calls',
  statements: ({ kiosk, reporting }) => [
    `CREATE OR REPLACE FUNCTION fleet.current_kiosk_unit() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = fleet, pg_temp AS $$ SELECT unit FROM fleet.kiosks WHERE kiosk_id = session_user $$`,
    `GRANT EXECUTE ON FUNCTION fleet.current_kiosk_unit() TO ${kiosk}`,
    `CREATE TABLE fleet.help_calls (
       kiosk_id text NOT NULL REFERENCES fleet.kiosks (kiosk_id),
       local_id bigint NOT NULL CHECK (local_id > 0),
       kiosk_name text NOT NULL DEFAULT '',
       unit text,
       room text NOT NULL CHECK (length(room) BETWEEN 1 AND 200),
       raised_at timestamptz NOT NULL,
       screen text NOT NULL CHECK (length(screen) BETWEEN 1 AND 40),
       waited_ms bigint NOT NULL CHECK (waited_ms >= 0),
       received_at timestamptz NOT NULL DEFAULT now(),
       late boolean NOT NULL DEFAULT false,
       acknowledged_at timestamptz,
       acknowledged_by text CHECK (acknowledged_by ~ '^[0-9]{1,8}$'),
       acknowledged_by_kiosk text,
       PRIMARY KEY (kiosk_id, local_id),
       CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
     )`,
    `CREATE INDEX help_calls_open_by_unit ON fleet.help_calls (unit, received_at) WHERE acknowledged_at IS NULL`,
    `CREATE FUNCTION fleet.help_call_received() RETURNS trigger LANGUAGE plpgsql
       SET search_path = pg_catalog, fleet AS $fn$
     BEGIN
       NEW.unit := fleet.current_kiosk_unit();
       -- The caller's own row, which it may read: the other kiosks show the name, and read no kiosk's row.
       NEW.kiosk_name := coalesce((SELECT name FROM fleet.kiosks WHERE kiosk_id = session_user), '');
       NEW.received_at := now();
       NEW.late := NEW.waited_ms > ${LATE_AFTER_SECONDS * 1000};
       NEW.acknowledged_at := NULL;
       NEW.acknowledged_by := NULL;
       NEW.acknowledged_by_kiosk := NULL;
       RETURN NEW;
     END
     $fn$`,
    `CREATE TRIGGER help_call_received BEFORE INSERT ON fleet.help_calls
       FOR EACH ROW EXECUTE FUNCTION fleet.help_call_received()`,
    `CREATE FUNCTION fleet.help_call_notify() RETURNS trigger LANGUAGE plpgsql
       SET search_path = pg_catalog, fleet AS $fn$
     BEGIN
       -- Delivered at commit. The payload names no room: any listener learns only that something changed.
       PERFORM pg_notify('fleet_help_calls', TG_OP);
       RETURN NULL;
     END
     $fn$`,
    `CREATE TRIGGER help_call_notify AFTER INSERT OR UPDATE ON fleet.help_calls
       FOR EACH ROW EXECUTE FUNCTION fleet.help_call_notify()`,
    `CREATE FUNCTION fleet.acknowledge_help_call(p_kiosk_id text, p_local_id bigint, p_staff_number text)
       RETURNS timestamptz LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, fleet AS $fn$
     DECLARE
       v_call fleet.help_calls%ROWTYPE;
     BEGIN
       SELECT * INTO v_call FROM fleet.help_calls WHERE kiosk_id = p_kiosk_id AND local_id = p_local_id FOR UPDATE;
       IF NOT FOUND OR NOT (v_call.kiosk_id = session_user OR v_call.unit = fleet.current_kiosk_unit()) THEN
         RAISE EXCEPTION 'no such help call in this kiosk''s unit' USING ERRCODE = 'P0002';
       END IF;
       IF v_call.acknowledged_at IS NOT NULL THEN
         RETURN v_call.acknowledged_at;
       END IF;
       UPDATE fleet.help_calls SET acknowledged_at = now(), acknowledged_by = p_staff_number,
           acknowledged_by_kiosk = session_user
         WHERE kiosk_id = p_kiosk_id AND local_id = p_local_id;
       RETURN now();
     END
     $fn$`,
    `REVOKE ALL ON FUNCTION fleet.acknowledge_help_call(text, bigint, text) FROM PUBLIC`,
    `GRANT EXECUTE ON FUNCTION fleet.acknowledge_help_call(text, bigint, text) TO ${kiosk}`,
    `ALTER TABLE fleet.help_calls ENABLE ROW LEVEL SECURITY`,
    `GRANT SELECT, INSERT (kiosk_id, local_id, room, raised_at, screen, waited_ms) ON fleet.help_calls TO ${kiosk}`,
    `CREATE POLICY kiosk_inserts_own_calls ON fleet.help_calls FOR INSERT TO ${kiosk}
       WITH CHECK (kiosk_id = current_user)`,
    `CREATE POLICY kiosk_reads_unit_calls ON fleet.help_calls FOR SELECT TO ${kiosk}
       USING (kiosk_id = current_user OR unit = fleet.current_kiosk_unit())`,
    `GRANT SELECT ON fleet.help_calls TO ${reporting}`,
    `CREATE POLICY reporting_reads_calls ON fleet.help_calls FOR SELECT TO ${reporting} USING (true)`,
  ],
};
