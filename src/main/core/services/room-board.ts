import type { RoomBoardEntry } from '../../../shared/domain';
import type { KioskDatabase } from '../db/open-database';
import { listActiveRooms } from '../repositories/rooms-repository';
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
