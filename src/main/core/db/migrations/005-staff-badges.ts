import type { Migration } from './migration';

/**
 * Badge sign-in: a staff member may have a badge, stored only as a keyed hash of the number its reader types (see
 * services/badge-hashing.ts). At most one staff member per badge, so a badge names one person.
 */
export const staffBadges: Migration = {
  version: 5,
  name: 'staff badges',
  up(db) {
    db.exec(`
      ALTER TABLE staff ADD COLUMN badge_hash BLOB CHECK (badge_hash IS NULL OR length(badge_hash) = 32);
      CREATE UNIQUE INDEX staff_by_badge ON staff (badge_hash) WHERE badge_hash IS NOT NULL;
    `);
  },
};
