import { readFleetLink } from '../../repositories/fleet-outbox-repository';
import type { FeatureHandlers, HandlerContext } from '../handler-types';

/** The room board's other rooms of the unit, from the fleet listener's memory (remote-rooms-port.ts); never waits. */
export function remoteRoomHandlers({ db, readRemoteRooms }: HandlerContext): FeatureHandlers<'getRemoteRooms'> {
  return {
    getRemoteRooms: () => {
      if (!readFleetLink(db) || !readRemoteRooms) return { status: 'none' };
      return readRemoteRooms();
    },
  };
}
