import type { KioskDatabase } from '../db/open-database';
import { cachedStatement } from '../db/statement-cache';

export interface RoomRow {
  id: number;
  name: string;
  sortOrder: number;
  active: boolean;
  needsCleaning: boolean;
}

interface RawRoom {
  id: number;
  name: string;
  sort_order: number;
  active: number;
  needs_cleaning: number;
}

const toRoom = (raw: RawRoom): RoomRow => ({
  id: raw.id,
  name: raw.name,
  sortOrder: raw.sort_order,
  active: raw.active === 1,
  needsCleaning: raw.needs_cleaning === 1,
});

export function insertRoom(db: KioskDatabase, room: { name: string; sortOrder?: number }): number {
  const sortOrder =
    room.sortOrder ??
    (cachedStatement(db, 'SELECT coalesce(max(sort_order), 0) + 1 FROM rooms').pluck().get() as number);
  const result = cachedStatement(db, 'INSERT INTO rooms (name, sort_order) VALUES (?, ?)').run(room.name, sortOrder);
  return Number(result.lastInsertRowid);
}

export function getRoom(db: KioskDatabase, id: number): RoomRow | undefined {
  const raw = cachedStatement(db, 'SELECT * FROM rooms WHERE id = ?').get(id) as RawRoom | undefined;
  return raw && toRoom(raw);
}

/** Active rooms in the order staff arranged them. */
export function listActiveRooms(db: KioskDatabase): RoomRow[] {
  const rows = cachedStatement(db, 'SELECT * FROM rooms WHERE active = 1 ORDER BY sort_order, id').all() as RawRoom[];
  return rows.map(toRoom);
}

export function setRoomNeedsCleaning(db: KioskDatabase, id: number, needsCleaning: boolean): void {
  cachedStatement(db, 'UPDATE rooms SET needs_cleaning = ? WHERE id = ?').run(needsCleaning ? 1 : 0, id);
}

/** Every room, active or not, for the admin list. */
export function listAllRooms(db: KioskDatabase): RoomRow[] {
  return (cachedStatement(db, 'SELECT * FROM rooms ORDER BY active DESC, sort_order, id').all() as RawRoom[]).map(
    toRoom,
  );
}

export function renameRoom(db: KioskDatabase, id: number, name: string): void {
  cachedStatement(db, 'UPDATE rooms SET name = ? WHERE id = ?').run(name, id);
}

export function setRoomActive(db: KioskDatabase, id: number, active: boolean): void {
  cachedStatement(db, 'UPDATE rooms SET active = ? WHERE id = ?').run(active ? 1 : 0, id);
}

export function setRoomSortOrder(db: KioskDatabase, id: number, sortOrder: number): void {
  cachedStatement(db, 'UPDATE rooms SET sort_order = ? WHERE id = ?').run(sortOrder, id);
}

/**
 * When a room last changed without a session open: its last session's end and its last cleaning (null: never). Both
 * read one index entry each, whatever the history's size.
 */
export function lastRoomChanges(
  db: KioskDatabase,
  roomId: number,
): { endedAt: number | null; cleanedAt: number | null } {
  return cachedStatement(
    db,
    `SELECT (SELECT ended_at FROM sessions WHERE room_id = :room AND ended_at IS NOT NULL
              ORDER BY started_at DESC LIMIT 1) AS endedAt,
            (SELECT max(cleaned_at) FROM room_cleanings WHERE room_id = :room) AS cleanedAt`,
  ).get({ room: roomId }) as { endedAt: number | null; cleanedAt: number | null };
}
