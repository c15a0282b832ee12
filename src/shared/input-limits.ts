/**
 * The limits the kiosk API enforces on what people type or choose. Zod-free, so the renderer's forms explain the same
 * limits next to the field that the contract's schemas refuse (both import them from here).
 */
export const KIOSK_NAME_MAX = 60;
export const ROOM_NAME_MAX = 60;
export const DISPLAY_NAME_MAX = 80;
/** Rooms named during first-run setup. */
export const MAX_SETUP_ROOMS = 20;
export const PIN_MIN = 4;
export const PIN_MAX = 8;
export const STAFF_NUMBER_MAX = 8;
/** A report covers at most a leap year of days; the year-by-year table and the exports have no such limit. */
export const MAX_REPORT_DAYS = 366;
