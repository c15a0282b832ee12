import type { Migration } from './migration';

/**
 * Small pieces of kiosk state that must survive a restart but are not settings staff edit
 * (for example the keypad lock, so pulling the plug does not reset it).
 */
export const kioskState: Migration = {
  version: 2,
  name: 'kiosk state',
  up(db) {
    db.exec(`
      CREATE TABLE kiosk_state (
        key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 60),
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;
    `);
  },
};
