import type { Migration } from './migration';

/** The system clock in whole milliseconds: queued_at measures delivery's lag in real time, whatever the kiosk's clock. */
const QUEUE_NOW = `CAST(unixepoch('subsec') * 1000 AS INTEGER)`;
const JOINED = 'EXISTS (SELECT 1 FROM fleet_link)';

const trigger = (name: string, event: string, table: string, condition: string) => `
  CREATE TRIGGER ${name} AFTER ${event} ON ${table}
  WHEN ${JOINED}${condition ? ` AND ${condition}` : ''}
  BEGIN
    INSERT INTO fleet_outbox (table_name, local_id, queued_at) VALUES ('${table}', new.id, ${QUEUE_NOW});
  END;`;

const TIMER_OUTCOME = `new.state IN ('finished', 'cancelled', 'acknowledged')`;

/**
 * The optional fleet (docs/FLEET.md): what must reach the hospital's PostgreSQL is queued by triggers, so the write and
 * its place in the outbox commit in one transaction and no service can forget one. The triggers are idle until the
 * kiosk joins a fleet (a fleet_link row): a kiosk that never joins queues nothing.
 *
 * - fleet_link: at most one row, the fleet this kiosk belongs to and how delivery went; no secret (the password is in
 *   a file of its own, so backups of this database do not carry it).
 * - fleet_outbox: a row's table and id, not a copy: delivery sends the row as it is then, so a session that ended
 *   before it was sent goes once, ended. AUTOINCREMENT keeps ids growing after the outbox empties: the centre uses
 *   them to keep the newest copy of a row. queued_at is the system clock (the lag of delivery, in real time).
 * - A session is queued when it starts and again when it ends (only the end columns: other updates change nothing
 *   the centre keeps); a timer once it has an outcome, and again if that outcome changes (finished, then seen).
 */
export const fleetOutbox: Migration = {
  version: 7,
  name: 'fleet outbox',
  up(db) {
    db.exec(`
      CREATE TABLE fleet_link (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        kiosk_id TEXT NOT NULL CHECK (length(kiosk_id) BETWEEN 1 AND 63),
        kiosk_name TEXT NOT NULL CHECK (length(kiosk_name) BETWEEN 1 AND 80),
        unit TEXT CHECK (unit IS NULL OR length(unit) BETWEEN 1 AND 80),
        server TEXT NOT NULL CHECK (length(server) BETWEEN 1 AND 400),
        joined_at INTEGER NOT NULL,
        last_attempt_at INTEGER,
        last_delivered_at INTEGER,
        delivered_rows INTEGER NOT NULL DEFAULT 0 CHECK (delivered_rows >= 0),
        last_error TEXT CHECK (last_error IS NULL OR length(last_error) <= 1000),
        last_error_at INTEGER,
        CHECK ((last_error IS NULL) = (last_error_at IS NULL))
      ) STRICT;

      CREATE TABLE fleet_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        table_name TEXT NOT NULL
          CHECK (table_name IN ('sessions', 'session_events', 'room_cleanings', 'timers', 'audit_log')),
        local_id INTEGER NOT NULL,
        queued_at INTEGER NOT NULL
      ) STRICT;

      ${trigger('fleet_queue_session_start', 'INSERT', 'sessions', '')}
      ${trigger('fleet_queue_session_end', 'UPDATE OF ended_at, ended_by, end_reason', 'sessions', '')}
      ${trigger('fleet_queue_session_event', 'INSERT', 'session_events', '')}
      ${trigger('fleet_queue_room_cleaning', 'INSERT', 'room_cleanings', '')}
      ${trigger('fleet_queue_timer_outcome', 'INSERT', 'timers', TIMER_OUTCOME)}
      ${trigger('fleet_queue_timer_change', 'UPDATE OF state', 'timers', `${TIMER_OUTCOME} AND new.state <> old.state`)}
      ${trigger('fleet_queue_audit_entry', 'INSERT', 'audit_log', '')}
    `);
  },
};
