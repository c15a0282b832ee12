import type { Migration } from './migration';

const QUEUE_NOW = `CAST(unixepoch('subsec') * 1000 AS INTEGER)`;
const JOINED = 'EXISTS (SELECT 1 FROM fleet_link)';

const queueChange = (name: string, event: string, condition: string) => `
  CREATE TRIGGER ${name} AFTER ${event} ON staff
  WHEN ${JOINED} AND ${condition}
  BEGIN
    INSERT INTO fleet_staff_outbox
      (staff_number, display_name, role, pin_hash, pin_salt, disabled, badge_hash, based_on, queued_at)
    VALUES (new.staff_number, new.display_name, new.role, new.pin_hash, new.pin_salt, new.disabled,
      new.fleet_badge_hash, coalesce(new.fleet_change_no, 0), ${QUEUE_NOW});
  END;`;

/**
 * Badges that travel (docs/FLEET.md): staff.fleet_badge_hash is the badge keyed with the fleet's badge key, given on
 * a joined kiosk or pulled from the centre, and travels in the directory like the PIN hash. staff.badge_hash stays
 * the badge keyed with this kiosk's own key (given before joining, or after leaving) and never travels. The fleet
 * column is not unique: the centre takes a badge from its holder before giving it to someone else, but a kiosk
 * keeping its own queued change of the holder may briefly hold both; sign-in then takes the newer change.
 * The queue's triggers are made again to carry the fleet hash (same conditions as migration 8).
 */
export const fleetBadges: Migration = {
  version: 9,
  name: 'fleet badges',
  up(db) {
    db.exec(`
      ALTER TABLE staff ADD COLUMN fleet_badge_hash BLOB
        CHECK (fleet_badge_hash IS NULL OR length(fleet_badge_hash) = 32);
      CREATE INDEX staff_by_fleet_badge ON staff (fleet_badge_hash) WHERE fleet_badge_hash IS NOT NULL;
      ALTER TABLE fleet_staff_outbox ADD COLUMN badge_hash BLOB CHECK (badge_hash IS NULL OR length(badge_hash) = 32);

      DROP TRIGGER fleet_queue_staff_added;
      DROP TRIGGER fleet_queue_staff_changed;
      ${queueChange('fleet_queue_staff_added', 'INSERT', 'new.fleet_change_no IS NULL')}
      ${queueChange(
        'fleet_queue_staff_changed',
        'UPDATE OF display_name, role, disabled, pin_hash, pin_salt, fleet_badge_hash',
        'new.fleet_change_no IS old.fleet_change_no',
      )}
    `);
  },
};
