/**
 * Report ranges as local dates ('YYYY-MM-DD', inclusive) in the kiosk's time zone, the way getUsageReport takes them.
 * Date arithmetic is done on the calendar date alone (as UTC noon-free day numbers), so no time zone or daylight
 * saving change can shift a day.
 */
import { MAX_REPORT_DAYS } from '../../../shared/input-limits';

export const RANGE_PRESETS = ['today', 'last7', 'last30', 'thisMonth', 'lastMonth', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export interface DateRange {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDayNumber = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** Days from `from` to `to`, both counted. */
export function daysInRange(range: DateRange): number {
  return dayNumber(range.to) - dayNumber(range.from) + 1;
}

/** Today's date in the kiosk's time zone. */
export function localToday(now: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The first and last day of the month `YYYY-MM`. */
export function monthRange(month: string): DateRange {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

export function presetRange(preset: Exclude<RangePreset, 'custom'>, today: string): DateRange {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'thisMonth':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'lastMonth':
      return monthRange(addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7));
  }
}

export type RangeProblem = 'missing' | 'order' | 'too-long';

/** What is wrong with a custom range the admin typed, if anything. */
export function checkRange(range: DateRange): RangeProblem | null {
  const real = (date: string) =>
    DATE_SHAPE.test(date) && Number.isFinite(dayNumber(date)) && fromDayNumber(dayNumber(date)) === date;
  if (!real(range.from) || !real(range.to)) return 'missing';
  if (range.from > range.to) return 'order';
  if (daysInRange(range) > MAX_REPORT_DAYS) return 'too-long';
  return null;
}
