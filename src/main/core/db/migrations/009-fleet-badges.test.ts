import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import { emptyDbTest } from '../../testing/temp-database';
import { migrate, schemaVersion } from '../migrate';
import { MIGRATIONS } from './index';
import { fleetBadges } from './009-fleet-badges';

const BEFORE = MIGRATIONS.filter((migration) => migration.version < fleetBadges.version);

const queued = (db: Database.Database) =>
  db
    .prepare(
      'SELECT staff_number AS n, disabled, hex(badge_hash) AS badge, based_on FROM fleet_staff_outbox ORDER BY id',
    )
    .all();

const join = (db: Database.Database) =>
  db.exec(`INSERT INTO fleet_link (id, kiosk_id, kiosk_name, server, joined_at) VALUES (1, 'k', '4 West', 's', 0)`);

emptyDbTest('upgrades a version-8 database keeping its badges local and its queued changes', ({ db }) => {
  migrate(db, BEFORE);
  expect(schemaVersion(db)).toBe(fleetBadges.version - 1);
  db.exec(`INSERT INTO staff (staff_number, display_name, role, pin_hash, pin_salt, created_at, badge_hash)
           VALUES ('101', 'Ana', 'nurse', x'01', x'02', 5, zeroblob(32))`);
  join(db);
  db.exec(`UPDATE staff SET disabled = 1`);

  expect(migrate(db, [...BEFORE, fleetBadges])).toEqual({ from: 8, to: 9 });
  expect(db.prepare('SELECT staff_number, length(badge_hash) AS own, fleet_badge_hash FROM staff').all()).toEqual([
    { staff_number: '101', own: 32, fleet_badge_hash: null },
  ]);
  expect(queued(db)).toEqual([{ n: '101', disabled: 1, badge: '', based_on: 0 }]);
});

emptyDbTest('queues a fleet-keyed badge once joined, never one keyed with the kiosk’s own key', ({ db }) => {
  migrate(db, [...BEFORE, fleetBadges]);
  db.exec(`INSERT INTO staff (id, staff_number, display_name, role, pin_hash, pin_salt, created_at)
           VALUES (1, '101', 'Ana', 'nurse', x'01', x'02', 0)`);
  join(db);
  db.exec(`
    UPDATE staff SET badge_hash = zeroblob(32) WHERE id = 1;
    UPDATE staff SET badge_hash = NULL, fleet_badge_hash = randomblob(32) WHERE id = 1;
    UPDATE staff SET fleet_badge_hash = NULL WHERE id = 1;
    UPDATE staff SET fleet_badge_hash = x'${'ab'.repeat(32)}', fleet_change_no = 7 WHERE id = 1;
  `);
  const rows = queued(db) as { n: string; badge: string }[];
  expect(rows.map((row) => row.badge.length)).toEqual([64, 0]);
  expect(() => db.exec("UPDATE staff SET fleet_badge_hash = x'01' WHERE id = 1")).toThrow(/CHECK/);
  // Two may hold one fleet badge for a moment (the centre moves it in two changes): no unique index refuses it.
  db.exec(`INSERT INTO staff (staff_number, display_name, role, pin_hash, pin_salt, created_at, fleet_change_no,
             fleet_badge_hash) VALUES ('102', 'Bea', 'nurse', x'01', x'02', 0, 8, x'${'ab'.repeat(32)}')`);
  expect(db.prepare('SELECT count(*) FROM staff WHERE fleet_badge_hash IS NOT NULL').pluck().get()).toBe(2);
});
