import type { Language } from '../../../shared/domain';
import { messagesFor } from './catalogs';
import type { ClockTime } from './messages-en';

const MINUTE_MS = 60_000;

/**
 * A wall-clock time as hh:mm on a 24-hour clock in every language: hospital staff chart in 24-hour time, and
 * "14:05" cannot be misread as morning at 3 a.m. `timeZone` is for tests; the kiosk uses its own local zone.
 */
export function formatClockTime(epochMs: number, language: Language, timeZone?: string): ClockTime {
  const format = new Intl.DateTimeFormat(language, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  });
  const parts = format.formatToParts(epochMs);
  const hour = Number(parts.find((part) => part.type === 'hour')?.value ?? Number.NaN);
  return { text: format.format(epochMs), hour };
}

/** How long a session has been running: "under 1 min", "12 min", "1 hour 5 min", "2 horas". */
export function formatElapsed(elapsedMs: number, language: Language): string {
  // A few seconds of clock skew between processes must not show a negative duration.
  const totalMinutes = Math.floor(Math.max(0, elapsedMs) / MINUTE_MS);
  if (totalMinutes < 1) return messagesFor(language).duration.underAMinute;
  return formatMinutes(totalMinutes, language);
}

/**
 * A length of time in whole minutes, "0 min" included: "12 min", "35,841 hours 40 min", "35.841 horas 40 min".
 * Numbers are grouped the language's way (Intl), so a total beside "72,673 sessions" reads alike.
 */
export function formatMinutes(totalMinutes: number, language: Language): string {
  const messages = messagesFor(language).duration;
  const number = new Intl.NumberFormat(language);
  if (totalMinutes < 60) return messages.minutes(number.format(totalMinutes));

  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  const plural = new Intl.PluralRules(language).select(hours) === 'one' ? 'one' : 'other';
  const hoursText = messages.hours[plural](number.format(hours));
  return minutes === 0 ? hoursText : messages.hoursAndMinutes(hoursText, messages.minutes(number.format(minutes)));
}
