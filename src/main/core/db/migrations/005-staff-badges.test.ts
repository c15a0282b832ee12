import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { initialSchema } from './001-initial-schema';
import { kioskState } from './002-kiosk-state';
import { timerKindsAndSides } from './003-timer-kinds-and-sides';
import { reportIndexes } from './004-report-indexes';
import { staffBadges } from './005-staff-badges';
import { emptyDbTest } from '../../testing/temp-database';

const addStaff = (db: Database.Database, number: string, badge: Buffer | null) =>
  db
    .prepare(
      `INSERT INTO staff (staff_number, display_name, role, pin_hash, pin_salt, created_at, badge_hash)
       VALUES (?, 'A', 'nurse', x'00', x'00', 0, ?)`,
    )
    .run(number, badge);

emptyDbTest(
  'upgrades a version-4 database keeping its staff, with no badge each, and one staff member per badge',
  ({ db }) => {
    migrate(db, [initialSchema, kioskState, timerKindsAndSides, reportIndexes]);
    db.prepare(
      "INSERT INTO staff (staff_number, display_name, role, pin_hash, pin_salt, created_at) VALUES ('7', 'B', 'admin', x'01', x'02', 5)",
    ).run();

    expect(migrate(db, [initialSchema, kioskState, timerKindsAndSides, reportIndexes, staffBadges])).toEqual({
      from: 4,
      to: 5,
    });
    expect(schemaVersion(db)).toBe(5);
    expect(db.prepare('SELECT staff_number, role, badge_hash FROM staff').all()).toEqual([
      { staff_number: '7', role: 'admin', badge_hash: null },
    ]);

    const badge = Buffer.alloc(32, 9);
    addStaff(db, '8', badge);
    addStaff(db, '9', null);
    addStaff(db, '10', null);
    expect(() => addStaff(db, '11', badge)).toThrow(/UNIQUE/);
    expect(() => addStaff(db, '12', Buffer.from('short'))).toThrow(/CHECK/);
    expect(() => addStaff(db, '13', 'text' as unknown as Buffer)).toThrow();
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT id FROM staff WHERE badge_hash = ?')
      .all(badge)
      .map((row) => (row as { detail: string }).detail)
      .join();
    expect(plan).toMatch(/staff_by_badge/);
  },
);
