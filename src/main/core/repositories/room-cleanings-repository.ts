import type { KioskDatabase } from '../db/open-database';

/** The infection-control log: which room was cleaned, when, by which staff member. */
export interface RoomCleaningRow {
  id: number;
  roomId: number;
  cleanedAt: number;
  cleanedBy: number;
}

export function insertRoomCleaning(
  db: KioskDatabase,
  cleaning: { roomId: number; cleanedAt: number; cleanedBy: number },
): number {
  const result = db
    .prepare('INSERT INTO room_cleanings (room_id, cleaned_at, cleaned_by) VALUES (?, ?, ?)')
    .run(cleaning.roomId, cleaning.cleanedAt, cleaning.cleanedBy);
  return Number(result.lastInsertRowid);
}

export function listRoomCleanings(db: KioskDatabase, roomId: number): RoomCleaningRow[] {
  return db
    .prepare(
      `SELECT id, room_id AS roomId, cleaned_at AS cleanedAt, cleaned_by AS cleanedBy
       FROM room_cleanings WHERE room_id = ? ORDER BY cleaned_at, id`,
    )
    .all(roomId) as RoomCleaningRow[];
}
