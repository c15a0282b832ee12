import type { RemoteRoomsAnswer } from '../../../shared/remote-rooms';

/**
 * How getRemoteRooms reaches the other kiosks' rooms. Core holds no PostgreSQL client, and the board must never wait
 * on the network: the fleet layer's listener keeps the unit's rooms in memory and this answers from there at once.
 */
export type ReadRemoteRooms = () => RemoteRoomsAnswer;
