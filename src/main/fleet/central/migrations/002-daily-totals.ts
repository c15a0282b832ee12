import type { CentralMigration } from './central-migration';

/**
 * Per-kiosk, per-UTC-day totals of sessions, kept by a trigger on fleet.sessions in the transaction that delivers each
 * batch: every insert or update takes the old copy's share away and adds the new copy's, so a batch delivered twice
 * (its upserts skip rows not newer, and a skipped row fires no trigger) or a session that ends in a later batch leaves
 * the totals equal to a scan of fleet.sessions. The trigger function runs as the owner (SECURITY DEFINER): kiosks may
 * read every kiosk's totals, for hospital-wide and per-unit figures, but never write them, and still never read another
 * kiosk's raw rows. Durations are kept in milliseconds (exact); minutes are derived when read.
 */
export const dailyTotals: CentralMigration = {
  version: 2,
  name: 'daily totals per kiosk, kept with each delivery',
  statements: ({ kiosk, reporting }) => [
    `CREATE TABLE fleet.daily_totals (
       kiosk_id text NOT NULL REFERENCES fleet.kiosks,
       day date NOT NULL,
       sessions bigint NOT NULL DEFAULT 0,
       ended_sessions bigint NOT NULL DEFAULT 0,
       duration_ms bigint NOT NULL DEFAULT 0,
       PRIMARY KEY (kiosk_id, day)
     )`,
    `CREATE INDEX daily_totals_by_day ON fleet.daily_totals (day)`,
    // The fleet export counts each session's events through this index.
    `CREATE INDEX session_events_by_session ON fleet.session_events (kiosk_id, session_local_id)`,
    `CREATE FUNCTION fleet.apply_session_to_daily_totals() RETURNS trigger
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, fleet AS $fn$
     BEGIN
       IF TG_OP = 'UPDATE' THEN
         UPDATE fleet.daily_totals SET
           sessions = sessions - 1,
           ended_sessions = ended_sessions - (OLD.ended_at IS NOT NULL)::int,
           duration_ms = duration_ms - coalesce(
             (extract(epoch FROM OLD.ended_at - OLD.started_at) * 1000)::bigint, 0)
         WHERE kiosk_id = OLD.kiosk_id AND day = (OLD.started_at AT TIME ZONE 'UTC')::date;
       END IF;
       INSERT INTO fleet.daily_totals AS t (kiosk_id, day, sessions, ended_sessions, duration_ms)
       VALUES (NEW.kiosk_id, (NEW.started_at AT TIME ZONE 'UTC')::date, 1, (NEW.ended_at IS NOT NULL)::int,
         coalesce((extract(epoch FROM NEW.ended_at - NEW.started_at) * 1000)::bigint, 0))
       ON CONFLICT (kiosk_id, day) DO UPDATE SET
         sessions = t.sessions + excluded.sessions,
         ended_sessions = t.ended_sessions + excluded.ended_sessions,
         duration_ms = t.duration_ms + excluded.duration_ms;
       RETURN NULL;
     END
     $fn$`,
    `REVOKE ALL ON FUNCTION fleet.apply_session_to_daily_totals() FROM PUBLIC`,
    `CREATE TRIGGER sessions_keep_daily_totals AFTER INSERT OR UPDATE ON fleet.sessions
       FOR EACH ROW EXECUTE FUNCTION fleet.apply_session_to_daily_totals()`,
    // Totals already delivered before this step.
    `INSERT INTO fleet.daily_totals (kiosk_id, day, sessions, ended_sessions, duration_ms)
       SELECT kiosk_id, (started_at AT TIME ZONE 'UTC')::date, count(*), count(ended_at),
         coalesce(sum((extract(epoch FROM ended_at - started_at) * 1000)::bigint), 0)
       FROM fleet.sessions GROUP BY 1, 2`,
    `ALTER TABLE fleet.daily_totals ENABLE ROW LEVEL SECURITY`,
    `GRANT SELECT ON fleet.daily_totals TO ${kiosk}, ${reporting}`,
    `CREATE POLICY everyone_reads_totals ON fleet.daily_totals FOR SELECT TO ${kiosk}, ${reporting} USING (true)`,
    // Per unit: a view owned by the owner reads every kiosk's unit, which a kiosk cannot read itself.
    `CREATE VIEW fleet.unit_daily_totals AS
       SELECT k.unit, t.day, sum(t.sessions)::bigint AS sessions, sum(t.ended_sessions)::bigint AS ended_sessions,
         sum(t.duration_ms)::bigint AS duration_ms, count(*)::int AS kiosks
       FROM fleet.daily_totals t JOIN fleet.kiosks k USING (kiosk_id)
       GROUP BY k.unit, t.day`,
    `CREATE VIEW fleet.hospital_daily_totals AS
       SELECT day, sum(sessions)::bigint AS sessions, sum(ended_sessions)::bigint AS ended_sessions,
         sum(duration_ms)::bigint AS duration_ms, count(*)::int AS kiosks
       FROM fleet.daily_totals GROUP BY day`,
    `GRANT SELECT ON fleet.unit_daily_totals, fleet.hospital_daily_totals TO ${kiosk}, ${reporting}`,
  ],
};
