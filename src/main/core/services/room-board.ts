import type { RoomBoardEntry, RoomState } from '../../../shared/domain';
import type { KioskDatabase } from '../db/open-database';
import { lastRoomChanges, listActiveRooms } from '../repositories/rooms-repository';
import { listOpenSessions } from '../repositories/sessions-repository';

/** The home screen's tiles: every active room with its open session, if any. */
export function roomBoard(db: KioskDatabase): RoomBoardEntry[] {
  const openByRoom = new Map(listOpenSessions(db).map((session) => [session.roomId, session]));
  return listActiveRooms(db).map((room) => {
    const open = openByRoom.get(room.id);
    return {
      id: room.id,
      name: room.name,
      state: open ? 'occupied' : room.needsCleaning ? 'needs-cleaning' : 'free',
      session: open ? { id: open.uuid, kind: open.kind, language: open.language, startedAt: open.startedAt } : null,
    };
  });
}

/** A home room as other kiosks of the unit may see it: its name, state and when that state began (null: unknown). */
export interface HomeRoomState {
  id: number;
  name: string;
  state: RoomState;
  since: number | null;
}

/**
 * The board's rooms with when each state began: in use since the session started; needing cleaning since the last
 * session ended; free since the later of the last end and the last cleaning (a room never used: unknown).
 */
export function homeRoomStates(db: KioskDatabase): HomeRoomState[] {
  return roomBoard(db).map((room) => {
    if (room.session) return { id: room.id, name: room.name, state: room.state, since: room.session.startedAt };
    const { endedAt, cleanedAt } = lastRoomChanges(db, room.id);
    const known = [endedAt, cleanedAt].filter((at): at is number => at !== null);
    const since = room.state === 'needs-cleaning' ? endedAt : known.length > 0 ? Math.max(...known) : null;
    return { id: room.id, name: room.name, state: room.state, since };
  });
}
