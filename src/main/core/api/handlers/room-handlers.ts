import { roomBoard } from '../../services/room-board';
import type { FeatureHandlers, HandlerContext } from '../handler-types';

type RoomMethods =
  'listRooms' | 'markRoomCleaned' | 'listAllRooms' | 'addRoom' | 'renameRoom' | 'reorderRooms' | 'setRoomActive';

/** The room board, cleaning, and the admin's rooms. */
export function roomHandlers({ db, roomAdmin }: HandlerContext): FeatureHandlers<RoomMethods> {
  return {
    listRooms: () => roomBoard(db),
    markRoomCleaned: ({ roomId }, { staff }) => roomAdmin.markCleaned(roomId, staff.staffId),
    listAllRooms: () => roomAdmin.list(),
    addRoom: ({ name }, { staff }) => roomAdmin.add(name, staff.staffId),
    renameRoom: ({ roomId, name }, { staff }) => roomAdmin.rename(roomId, name, staff.staffId),
    reorderRooms: ({ order }, { staff }) => roomAdmin.reorder(order, staff.staffId),
    setRoomActive: ({ roomId, active }, { staff }) => roomAdmin.setActive(roomId, active, staff.staffId),
  };
}
