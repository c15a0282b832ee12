import type { Migration } from './migration';

/** The system clock in whole milliseconds, as the other outboxes stamp their entries. */
const QUEUE_NOW = `CAST(unixepoch('subsec') * 1000 AS INTEGER)`;

/**
 * "Call a nurse" from the parent's help screen (docs/FLEET.md, help calls):
 *
 * - help_calls: one row per call: the room (its name as the parent saw it), when, and from which screen. The centre's
 *   own time of receipt is kept once the centre has committed the call (centre_received_at, the centre's clock): only
 *   then does the parent read that the nurses' station was told. acknowledged_at/by: a nurse answered it, here or on
 *   another kiosk of the unit (by: her staff number, which may belong to another kiosk's directory).
 * - fleet_help_call_outbox: calls still to send. Its own queue, not the history's: a call jumps every batch of
 *   history. Filled by a trigger, so the call and its place in the queue commit together; idle when in no fleet.
 */
export const helpCalls: Migration = {
  version: 10,
  name: 'help calls',
  up(db) {
    db.exec(`
      CREATE TABLE help_calls (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        room_id INTEGER NOT NULL REFERENCES rooms (id),
        room_name TEXT NOT NULL CHECK (length(room_name) BETWEEN 1 AND 200),
        raised_at INTEGER NOT NULL,
        screen TEXT NOT NULL CHECK (length(screen) BETWEEN 1 AND 40),
        centre_received_at INTEGER,
        acknowledged_at INTEGER,
        acknowledged_by TEXT CHECK (acknowledged_by IS NULL OR length(acknowledged_by) BETWEEN 1 AND 8),
        CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
      ) STRICT;
      CREATE INDEX help_calls_by_time ON help_calls (raised_at);

      CREATE TABLE fleet_help_call_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        help_call_id INTEGER NOT NULL,
        queued_at INTEGER NOT NULL
      ) STRICT;

      CREATE TRIGGER fleet_queue_help_call AFTER INSERT ON help_calls
      WHEN EXISTS (SELECT 1 FROM fleet_link)
      BEGIN
        INSERT INTO fleet_help_call_outbox (help_call_id, queued_at) VALUES (new.id, ${QUEUE_NOW});
      END;
    `);
  },
};
