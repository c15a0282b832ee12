export type Theme = 'day' | 'night';

const NIGHT_STARTS_AT_HOUR = 21;
const NIGHT_ENDS_AT_HOUR = 7;

/** Night (dim, warm) from 21:00 to 07:00 local time, day otherwise. */
export function themeForHour(hour: number): Theme {
  return hour >= NIGHT_STARTS_AT_HOUR || hour < NIGHT_ENDS_AT_HOUR ? 'night' : 'day';
}

/** The theme for a moment, by the kiosk's local time. */
export function themeAt(epochMs: number): Theme {
  return themeForHour(new Date(epochMs).getHours());
}
