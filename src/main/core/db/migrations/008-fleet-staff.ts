import type { Migration } from './migration';

/** The system clock in whole milliseconds, as the history outbox stamps its entries. */
const QUEUE_NOW = `CAST(unixepoch('subsec') * 1000 AS INTEGER)`;
const JOINED = 'EXISTS (SELECT 1 FROM fleet_link)';

const queueChange = (name: string, event: string, condition: string) => `
  CREATE TRIGGER ${name} AFTER ${event} ON staff
  WHEN ${JOINED} AND ${condition}
  BEGIN
    INSERT INTO fleet_staff_outbox
      (staff_number, display_name, role, pin_hash, pin_salt, disabled, based_on, queued_at)
    VALUES (new.staff_number, new.display_name, new.role, new.pin_hash, new.pin_salt, new.disabled,
      coalesce(new.fleet_change_no, 0), ${QUEUE_NOW});
  END;`;

/**
 * The fleet's staff directory (docs/FLEET.md), on the kiosk's side:
 *
 * - staff.fleet_change_no: the centre's change number this kiosk last holds for the staff member (null: never seen
 *   at the centre). A change made here is sent with it as the change it was based on, so the centre can tell a
 *   change that overwrote one its admin never saw.
 * - fleet_staff_outbox: a local admin's change, as a copy of the staff member's directory fields at that moment (not a
 *   reference: the centre must learn what the admin saw). Queued by triggers, so the change and its place in the queue
 *   commit together, whether the admin screen or the staff command made it. Lockouts are not directory fields and
 *   never travel; badges neither (their hash is keyed per kiosk).
 * - A change pulled from the centre writes fleet_change_no with the directory fields, which the triggers recognise
 *   (a local change leaves fleet_change_no as it was): pulled changes are never sent back.
 */
export const fleetStaff: Migration = {
  version: 8,
  name: 'fleet staff directory',
  up(db) {
    db.exec(`
      ALTER TABLE staff ADD COLUMN fleet_change_no INTEGER CHECK (fleet_change_no IS NULL OR fleet_change_no > 0);

      CREATE TABLE fleet_staff_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        staff_number TEXT NOT NULL,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL,
        pin_hash BLOB NOT NULL,
        pin_salt BLOB NOT NULL,
        disabled INTEGER NOT NULL CHECK (disabled IN (0, 1)),
        based_on INTEGER NOT NULL CHECK (based_on >= 0),
        queued_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX fleet_staff_outbox_by_number ON fleet_staff_outbox (staff_number);

      ${queueChange('fleet_queue_staff_added', 'INSERT', 'new.fleet_change_no IS NULL')}
      ${queueChange(
        'fleet_queue_staff_changed',
        'UPDATE OF display_name, role, disabled, pin_hash, pin_salt',
        'new.fleet_change_no IS old.fleet_change_no',
      )}
    `);
  },
};
