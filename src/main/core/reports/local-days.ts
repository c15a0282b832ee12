import { KioskError } from '../errors';
import { ZoneTime } from './zone-offsets';

const DAY = 86_400_000;

/** A calendar date "YYYY-MM-DD" as UTC midnight ms (a label for a day, not an instant); undefined when not a real date. */
export function parseCalendarDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const value = Date.UTC(year, month - 1, day);
  const back = new Date(value);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return value;
}

export const formatCalendarDate = (label: number): string => new Date(label).toISOString().slice(0, 10);

export interface LocalDay {
  /** "YYYY-MM-DD" in the kiosk's time zone. */
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** UTC epoch ms of the day's first local instant (inclusive) and of the next day's (exclusive). */
  start: number;
  end: number;
}

/** An inclusive range of local dates, with the UTC instants that bound it. */
export interface LocalRange {
  timeZone: string;
  from: string;
  to: string;
  /** UTC epoch ms: the first instant of `from` and the first instant after `to`, in the kiosk's time zone. */
  start: number;
  end: number;
  days: LocalDay[];
  zone: ZoneTime;
}

/**
 * The instants of local days `from` … `to` (inclusive) in a time zone. A DST day is 23 or 25 hours long;
 * a day whose midnight does not exist starts at the change.
 */
export function localRange(timeZone: string, from: string, to: string, maxDays = Number.POSITIVE_INFINITY): LocalRange {
  const first = parseCalendarDate(from);
  const last = parseCalendarDate(to);
  if (first === undefined) throw new KioskError('invalid-input', `"${from}" is not a date (YYYY-MM-DD).`);
  if (last === undefined) throw new KioskError('invalid-input', `"${to}" is not a date (YYYY-MM-DD).`);
  if (first > last) throw new KioskError('invalid-input', `The start date ${from} is after the end date ${to}.`);
  const count = Math.round((last - first) / DAY) + 1;
  if (count > maxDays) throw new KioskError('invalid-input', `Choose at most ${maxDays} days.`);
  // Two days of margin either side: every local midnight in the range lies well inside the computed offsets.
  const zone = new ZoneTime(timeZone, first - 2 * DAY, last + 3 * DAY);
  const starts: number[] = [];
  for (let label = first; label <= last + DAY; label += DAY) starts.push(zone.firstInstantAtWall(label));
  const days: LocalDay[] = [];
  for (let index = 0; index < count; index++) {
    const label = first + index * DAY;
    days.push({
      date: formatCalendarDate(label),
      weekday: new Date(label).getUTCDay(),
      start: starts[index]!,
      end: starts[index + 1]!,
    });
  }
  return { timeZone, from, to, start: starts[0]!, end: starts.at(-1)!, days, zone };
}
