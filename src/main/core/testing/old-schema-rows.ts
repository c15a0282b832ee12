import type Database from 'better-sqlite3';

/**
 * Room 1 and staff member 1 (a nurse), written with raw SQL in the columns schema version 1 already had: for the
 * migration tests, which fill a database at an older version before upgrading it.
 */
export function insertRoomAndNurse(db: Database.Database): void {
  db.exec(`
    INSERT INTO rooms (name) VALUES ('Room 1');
    INSERT INTO staff (staff_number, display_name, role, pin_hash, pin_salt, created_at)
      VALUES ('1', 'A', 'nurse', x'00', x'00', 0);
  `);
}
