import type { CentralMigration } from './central-migration';

/** The event types the sessions export counts, each with the column of fleet.sessions that keeps its count. */
const COUNTED = [
  ['guide-viewed', 'guide_views'],
  ['slide-viewed', 'slide_views'],
  ['timer-started', 'timer_starts'],
  ['help-requested', 'help_requests'],
] as const;

/** fleet.sessions' columns a kiosk writes when it delivers a session: every column but the counts. */
const KIOSK_WRITTEN = `kiosk_id, local_id, uuid, room_local_id, room_name, kind, language, started_at, started_by,
  ended_at, ended_by, end_reason, outbox_seq, received_at`;

/** `count(*) FILTER …` of each counted type, named as its column. */
const COUNTS = COUNTED.map(([type, column]) => `count(*) FILTER (WHERE type = '${type}') AS ${column}`).join(', ');
const typeList = COUNTED.map(([type]) => `'${type}'`).join(', ');

/**
 * Each session's counts of the events the sessions export reports (guides, slides, timers, help), kept on
 * fleet.sessions as they arrive, so the export reads four columns instead of counting events per session.
 *
 * - Events: a statement trigger adds each delivered batch's counts per session. An event delivered again is skipped
 *   by its upsert (ON CONFLICT DO NOTHING) and so is not in the statement's new rows: it never counts twice. It runs
 *   as the owner (SECURITY DEFINER), since a kiosk may not write the counts itself; row-level security has already
 *   refused any event in another kiosk's name, so a kiosk only ever moves its own sessions' counts.
 * - Sessions: a session delivered after some of its events gets their count, by a statement trigger too (one join per
 *   batch rather than a lookup per session: delivery inserts sessions by the thousand).
 * - A kiosk's INSERT and UPDATE on fleet.sessions are granted per column from here on, all but the counts: a kiosk
 *   setting a count by hand is refused with "permission denied". A later column a kiosk writes needs its own grant.
 * - The daily totals' trigger (step 2) now fires on updates of the columns it reads only, so counting an event does
 *   not take a session's share from the totals and add it back.
 * - Sessions delivered before this step get their counts from a scan of their events.
 */
export const sessionEventCounts: CentralMigration = {
  version: 5,
  name: "each session's event counts, kept as events arrive",
  statements: ({ kiosk }) => [
    `ALTER TABLE fleet.sessions ${COUNTED.map(([, column]) => `ADD COLUMN ${column} integer NOT NULL DEFAULT 0`).join(', ')}`,
    `DROP TRIGGER sessions_keep_daily_totals ON fleet.sessions`,
    `CREATE TRIGGER sessions_keep_daily_totals AFTER INSERT OR UPDATE OF kiosk_id, started_at, ended_at
       ON fleet.sessions FOR EACH ROW EXECUTE FUNCTION fleet.apply_session_to_daily_totals()`,
    `CREATE FUNCTION fleet.count_delivered_events() RETURNS trigger
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, fleet AS $fn$
     BEGIN
       UPDATE fleet.sessions s SET ${COUNTED.map(([, column]) => `${column} = s.${column} + d.${column}`).join(', ')}
       FROM (SELECT kiosk_id, session_local_id, ${COUNTS}
             FROM delivered WHERE type IN (${typeList}) GROUP BY kiosk_id, session_local_id) d
       WHERE s.kiosk_id = d.kiosk_id AND s.local_id = d.session_local_id;
       RETURN NULL;
     END
     $fn$`,
    `REVOKE ALL ON FUNCTION fleet.count_delivered_events() FROM PUBLIC`,
    `CREATE TRIGGER session_events_keep_counts AFTER INSERT ON fleet.session_events
       REFERENCING NEW TABLE AS delivered FOR EACH STATEMENT EXECUTE FUNCTION fleet.count_delivered_events()`,
    // Events that arrived before their session (as the owner: a kiosk may not write the counts; its new sessions
    // passed row-level security, so these are its own).
    `CREATE FUNCTION fleet.count_events_before_session() RETURNS trigger
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, fleet AS $fn$
     BEGIN
       UPDATE fleet.sessions s SET ${COUNTED.map(([, column]) => `${column} = e.${column}`).join(', ')}
       FROM (SELECT ev.kiosk_id, ev.session_local_id, ${COUNTS}
             FROM arrived a JOIN fleet.session_events ev
               ON ev.kiosk_id = a.kiosk_id AND ev.session_local_id = a.local_id
             WHERE ev.type IN (${typeList}) GROUP BY ev.kiosk_id, ev.session_local_id) e
       WHERE s.kiosk_id = e.kiosk_id AND s.local_id = e.session_local_id;
       RETURN NULL;
     END
     $fn$`,
    `REVOKE ALL ON FUNCTION fleet.count_events_before_session() FROM PUBLIC`,
    `CREATE TRIGGER sessions_start_counts AFTER INSERT ON fleet.sessions
       REFERENCING NEW TABLE AS arrived FOR EACH STATEMENT EXECUTE FUNCTION fleet.count_events_before_session()`,
    `REVOKE INSERT, UPDATE ON fleet.sessions FROM ${kiosk}`,
    `GRANT INSERT (${KIOSK_WRITTEN}), UPDATE (${KIOSK_WRITTEN}) ON fleet.sessions TO ${kiosk}`,
    // Counts of the events delivered before this step.
    `UPDATE fleet.sessions s SET ${COUNTED.map(([, column]) => `${column} = e.${column}`).join(', ')}
       FROM (SELECT kiosk_id, session_local_id, ${COUNTS}
             FROM fleet.session_events WHERE type IN (${typeList}) GROUP BY kiosk_id, session_local_id) e
       WHERE s.kiosk_id = e.kiosk_id AND s.local_id = e.session_local_id`,
  ],
};
