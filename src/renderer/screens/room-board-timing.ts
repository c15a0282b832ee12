/** How often the room board asks for fresh room states and moves its clock (elapsed minutes lag at most this much). */
export const BOARD_TICK_MS = 15_000;
/** How long the explanation of a tap on a tile stays before the board is quiet again. */
export const NOTICE_MS = 20_000;
