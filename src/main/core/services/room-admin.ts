import type { RoomSummary } from '../../../shared/domain';
import type { Clock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { KioskError } from '../errors';
import { insertAuditEntry } from '../repositories/audit-log-repository';
import { insertRoomCleaning } from '../repositories/room-cleanings-repository';
import {
  getRoom,
  insertRoom,
  listAllRooms,
  renameRoom,
  setRoomActive,
  setRoomNeedsCleaning,
  setRoomSortOrder,
  type RoomRow,
} from '../repositories/rooms-repository';
import { findOpenSessionInRoom } from '../repositories/sessions-repository';

const toSummary = (row: RoomRow): RoomSummary => ({
  id: row.id,
  name: row.name,
  sortOrder: row.sortOrder,
  active: row.active,
  needsCleaning: row.needsCleaning,
});

/** Rooms as admins manage them, and the cleaning step between sessions. Every change is audited. */
export class RoomAdmin {
  readonly #db: KioskDatabase;
  readonly #clock: Clock;

  constructor(db: KioskDatabase, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  list(): RoomSummary[] {
    return listAllRooms(this.#db).map(toSummary);
  }

  add(name: string, byStaffId: number): RoomSummary {
    return this.#db.transaction(() => {
      const id = insertRoom(this.#db, { name });
      this.#audit(byStaffId, 'rooms-changed', { change: 'added', roomId: id, name });
      return toSummary(getRoom(this.#db, id)!);
    })();
  }

  rename(roomId: number, name: string, byStaffId: number): RoomSummary {
    return this.#db.transaction(() => {
      const room = this.#existing(roomId);
      renameRoom(this.#db, roomId, name);
      this.#audit(byStaffId, 'rooms-changed', { change: 'renamed', roomId, from: room.name, to: name });
      return toSummary(getRoom(this.#db, roomId)!);
    })();
  }

  /** `order` lists every room id once, in the new order. */
  reorder(order: readonly number[], byStaffId: number): RoomSummary[] {
    return this.#db.transaction(() => {
      const ids = listAllRooms(this.#db).map((room) => room.id);
      const sameSet =
        order.length === ids.length && new Set(order).size === order.length && order.every((id) => ids.includes(id));
      if (!sameSet) throw new KioskError('invalid-input', 'The new order must list every room exactly once.');
      order.forEach((id, index) => setRoomSortOrder(this.#db, id, index + 1));
      this.#audit(byStaffId, 'rooms-changed', { change: 'reordered', order: order.join(',') });
      return this.list();
    })();
  }

  setActive(roomId: number, active: boolean, byStaffId: number): RoomSummary {
    return this.#db.transaction(() => {
      const room = this.#existing(roomId);
      if (!active && findOpenSessionInRoom(this.#db, roomId)) {
        throw new KioskError('conflict', `${room.name} has a session open. End it before taking the room out of use.`);
      }
      setRoomActive(this.#db, roomId, active);
      this.#audit(byStaffId, 'rooms-changed', { change: active ? 'activated' : 'deactivated', roomId });
      return toSummary(getRoom(this.#db, roomId)!);
    })();
  }

  /** Records the cleaning (who, when) for the infection-control log and frees the room. */
  markCleaned(roomId: number, byStaffId: number): RoomSummary {
    return this.#db.transaction(() => {
      const room = this.#existing(roomId);
      if (!room.needsCleaning) throw new KioskError('conflict', `${room.name} is not waiting for cleaning.`);
      const at = this.#clock.now();
      insertRoomCleaning(this.#db, { roomId, cleanedAt: at, cleanedBy: byStaffId });
      setRoomNeedsCleaning(this.#db, roomId, false);
      this.#audit(byStaffId, 'room-cleaned', { roomId });
      return toSummary(getRoom(this.#db, roomId)!);
    })();
  }

  #existing(roomId: number): RoomRow {
    const room = getRoom(this.#db, roomId);
    if (!room) throw new KioskError('not-found', `There is no room ${roomId}.`);
    return room;
  }

  #audit(staffId: number, action: 'rooms-changed' | 'room-cleaned', detail: Record<string, unknown>): void {
    insertAuditEntry(this.#db, { at: this.#clock.now(), staffId, action, detail });
  }
}
