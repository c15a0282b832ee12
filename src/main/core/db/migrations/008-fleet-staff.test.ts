import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import { emptyDbTest } from '../../testing/temp-database';
import { migrate, schemaVersion } from '../migrate';
import { MIGRATIONS } from './index';
import { fleetStaff } from './008-fleet-staff';

const BEFORE = MIGRATIONS.filter((migration) => migration.version < fleetStaff.version);

const queued = (db: Database.Database) =>
  db
    .prepare('SELECT staff_number AS n, display_name AS name, disabled, based_on FROM fleet_staff_outbox ORDER BY id')
    .all();

const join = (db: Database.Database) =>
  db.exec(`INSERT INTO fleet_link (id, kiosk_id, kiosk_name, server, joined_at) VALUES (1, 'k', '4 West', 's', 0)`);

emptyDbTest('upgrades a version-7 database keeping its staff, none of them seen at a centre', ({ db }) => {
  migrate(db, BEFORE);
  expect(schemaVersion(db)).toBe(fleetStaff.version - 1);
  db.exec(`INSERT INTO staff (staff_number, display_name, role, pin_hash, pin_salt, created_at)
           VALUES ('101', 'Ana', 'nurse', x'01', x'02', 5)`);
  join(db);

  expect(migrate(db, [...BEFORE, fleetStaff])).toEqual({ from: 7, to: 8 });
  expect(db.prepare('SELECT staff_number, fleet_change_no FROM staff').all()).toEqual([
    { staff_number: '101', fleet_change_no: null },
  ]);
  // Nothing queued by the upgrade itself: staff made before the directory stay on this kiosk until changed.
  expect(queued(db)).toEqual([]);
});

emptyDbTest('queues local directory changes once joined, never lockouts or pulled changes', ({ db }) => {
  migrate(db, [...BEFORE, fleetStaff]);
  db.exec(`INSERT INTO staff (id, staff_number, display_name, role, pin_hash, pin_salt, created_at)
           VALUES (1, '100', 'Before', 'admin', x'01', x'02', 0)`);
  expect(queued(db)).toEqual([]);
  join(db);

  db.exec(`
    INSERT INTO staff (id, staff_number, display_name, role, pin_hash, pin_salt, created_at)
      VALUES (2, '101', 'Ana', 'nurse', x'01', x'02', 0);
    UPDATE staff SET failed_attempts = 3, locked_until = 99 WHERE id = 2;
    UPDATE staff SET badge_hash = zeroblob(32) WHERE id = 2;
    UPDATE staff SET fleet_change_no = 4 WHERE id = 2;
    UPDATE staff SET disabled = 1 WHERE id = 2;
    UPDATE staff SET display_name = 'From the centre', fleet_change_no = 9 WHERE id = 1;
    INSERT INTO staff (staff_number, display_name, role, pin_hash, pin_salt, created_at, fleet_change_no)
      VALUES ('102', 'Pulled', 'nurse', x'01', x'02', 0, 10);
  `);
  expect(queued(db)).toEqual([
    { n: '101', name: 'Ana', disabled: 0, based_on: 0 },
    { n: '101', name: 'Ana', disabled: 1, based_on: 4 },
  ]);
  expect(() => db.exec('UPDATE staff SET fleet_change_no = 0 WHERE id = 1')).toThrow(/CHECK/);
});
