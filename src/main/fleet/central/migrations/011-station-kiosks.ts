import type { CentralMigration } from './central-migration';

/**
 * Nurses' station kiosks (docs/FLEET.md): a kiosk IT marks as a station reads and answers every unit's help calls.
 * The mark is a column of fleet.kiosks, which kiosks may only SELECT (their own row), so only the owner role sets it:
 * a kiosk can never make itself a station. fleet.current_kiosk_is_station() reads it as the owner, like
 * fleet.current_kiosk_unit(); a kiosk that has left is no station.
 *
 * The read policy and fleet.acknowledge_help_call are those of step 7 with one more way in: the station's. The
 * function also closes a gap of step 7's: for a kiosk of no unit its unit test was NULL, not false, so such a kiosk
 * could answer any unit's call (though it could read none).
 */
export const stationKiosks: CentralMigration = {
  version: 11,
  name: 'station kiosks',
  statements: ({ kiosk }) => [
    `ALTER TABLE fleet.kiosks ADD COLUMN station boolean NOT NULL DEFAULT false`,
    `CREATE FUNCTION fleet.current_kiosk_is_station() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
       SET search_path = fleet, pg_temp
       AS $$ SELECT coalesce((SELECT station FROM fleet.kiosks WHERE kiosk_id = session_user AND left_at IS NULL), false) $$`,
    `REVOKE ALL ON FUNCTION fleet.current_kiosk_is_station() FROM PUBLIC`,
    `GRANT EXECUTE ON FUNCTION fleet.current_kiosk_is_station() TO ${kiosk}`,
    `DROP POLICY kiosk_reads_unit_calls ON fleet.help_calls`,
    `CREATE POLICY kiosk_reads_unit_calls ON fleet.help_calls FOR SELECT TO ${kiosk}
       USING (kiosk_id = current_user OR unit = fleet.current_kiosk_unit() OR fleet.current_kiosk_is_station())`,
    `CREATE OR REPLACE FUNCTION fleet.acknowledge_help_call(p_kiosk_id text, p_local_id bigint, p_staff_number text)
       RETURNS timestamptz LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, fleet AS $fn$
     DECLARE
       v_call fleet.help_calls%ROWTYPE;
     BEGIN
       SELECT * INTO v_call FROM fleet.help_calls WHERE kiosk_id = p_kiosk_id AND local_id = p_local_id FOR UPDATE;
       -- coalesce: a kiosk or call of no unit makes the comparison NULL, which must refuse, not let through.
       IF NOT FOUND OR NOT coalesce(v_call.kiosk_id = session_user OR v_call.unit = fleet.current_kiosk_unit()
           OR fleet.current_kiosk_is_station(), false) THEN
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
  ],
};
