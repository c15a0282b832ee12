import type { NightSchedule } from '../../shared/domain';

export type Theme = 'day' | 'night';

/** Used until the kiosk's settings arrive (the same as the settings' default: 21:00 to 07:00). */
export const DEFAULT_NIGHT_SCHEDULE: NightSchedule = { start: '21:00', end: '07:00' };

const MINUTES_PER_DAY = 24 * 60;

/** 'HH:MM' as minutes after midnight, or null when it is not a time of day. */
function minuteOfDay(time: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/**
 * Night (dim, warm) from the schedule's start up to its end, across midnight when the end is earlier; day otherwise.
 * A schedule that is not two different times of day (main never sends one) falls back to the default.
 */
export function themeForMinute(minute: number, schedule: NightSchedule = DEFAULT_NIGHT_SCHEDULE): Theme {
  let start = minuteOfDay(schedule.start);
  let end = minuteOfDay(schedule.end);
  if (start === null || end === null || start === end) {
    start = minuteOfDay(DEFAULT_NIGHT_SCHEDULE.start) as number;
    end = minuteOfDay(DEFAULT_NIGHT_SCHEDULE.end) as number;
  }
  const at = ((minute % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const night = start < end ? at >= start && at < end : at >= start || at < end;
  return night ? 'night' : 'day';
}

/** The theme at the start of an hour (0-23). */
export function themeForHour(hour: number, schedule: NightSchedule = DEFAULT_NIGHT_SCHEDULE): Theme {
  return themeForMinute(hour * 60, schedule);
}

/** The theme for a moment, by the kiosk's local time. */
export function themeAt(epochMs: number, schedule: NightSchedule = DEFAULT_NIGHT_SCHEDULE): Theme {
  const date = new Date(epochMs);
  return themeForMinute(date.getHours() * 60 + date.getMinutes(), schedule);
}
