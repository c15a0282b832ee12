import type { RoomState } from './domain';

/**
 * The room board's other rooms: rooms whose home is another kiosk of this kiosk's unit, shown read-only, as the
 * hospital's fleet database last told this kiosk. Times are this kiosk's epoch milliseconds (the centre's ages,
 * counted back from when this kiosk heard them), so kiosks whose clocks differ still show the same ages.
 */
export interface RemoteRoom {
  /** The room's id on its home kiosk (unique within that kiosk). */
  roomId: number;
  /** The room's name only: rooms carry no parent's identifier. */
  name: string;
  state: RoomState;
  /** When the state began; null when the home kiosk cannot tell (a room never used since it was added). */
  since: number | null;
  /** When the home kiosk last confirmed it: the state is "as of" then. */
  asOf: number;
}

export interface RemoteKiosk {
  kioskName: string;
  rooms: RemoteRoom[];
}

/**
 * `none`: nothing to show (no fleet, or no link to it here). `shown`: the other kiosks' rooms as last read (possibly
 * none yet), `readAt` when (null: not since this kiosk started), and `centreLostSince` set while the centre cannot be
 * reached, so the board can say since when its view is old.
 */
export type RemoteRoomsAnswer =
  | { status: 'none' }
  | { status: 'shown'; kiosks: RemoteKiosk[]; readAt: number | null; centreLostSince: number | null };
