/**
 * Numbers, shares, lengths of time and dates for the reports, in the language on screen (Intl). Report dates are
 * calendar dates in the kiosk's time zone, so they are formatted as UTC dates: no second time zone shifts them.
 */
import type { Language } from '../../../shared/domain';
import { formatMinutes } from '../../lib/i18n/format';

const dateAt = (date: string) => Date.parse(`${date}T12:00:00Z`);
/** 1 January 2023 was a Sunday: weekday `n` (0 = Sunday) is 1 + n January 2023. */
const weekdayAt = (weekday: number) => Date.UTC(2023, 0, 1 + weekday, 12);

export class ReportFormat {
  readonly language: Language;
  readonly #number: Intl.NumberFormat;
  readonly #percent: Intl.NumberFormat;
  readonly #shortDay: Intl.DateTimeFormat;
  readonly #longDay: Intl.DateTimeFormat;
  readonly #fullDate: Intl.DateTimeFormat;
  readonly #month: Intl.DateTimeFormat;
  readonly #weekday: Intl.DateTimeFormat;
  readonly #weekdayLong: Intl.DateTimeFormat;
  readonly #hour: Intl.DateTimeFormat;
  readonly #list: Intl.ListFormat;

  constructor(language: Language) {
    this.language = language;
    const utc = { timeZone: 'UTC' } as const;
    this.#number = new Intl.NumberFormat(language);
    this.#percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
    this.#shortDay = new Intl.DateTimeFormat(language, { ...utc, day: 'numeric', month: 'short' });
    this.#longDay = new Intl.DateTimeFormat(language, { ...utc, weekday: 'short', day: 'numeric', month: 'short' });
    this.#fullDate = new Intl.DateTimeFormat(language, { ...utc, day: 'numeric', month: 'long', year: 'numeric' });
    this.#month = new Intl.DateTimeFormat(language, { ...utc, month: 'long', year: 'numeric' });
    this.#weekday = new Intl.DateTimeFormat(language, { ...utc, weekday: 'short' });
    this.#weekdayLong = new Intl.DateTimeFormat(language, { ...utc, weekday: 'long' });
    this.#hour = new Intl.DateTimeFormat(language, { ...utc, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    this.#list = new Intl.ListFormat(language, { style: 'long', type: 'conjunction' });
  }

  number(value: number): string {
    return this.#number.format(value);
  }

  /** A share from 0 to 1 as a whole percentage; null (nothing to divide by) as a dash. */
  percent(share: number | null): string {
    return share === null ? '–' : this.#percent.format(share);
  }

  /**
   * Whole seconds as "0 min", "22 min", "1 hour 5 min", "35,841 hours 40 min"; null (no ended session) as a dash.
   * A report counts: no time at all is 0, and a few seconds round down to it too.
   */
  duration(seconds: number | null): string {
    return seconds === null ? '–' : formatMinutes(Math.floor(Math.max(0, seconds) / 60), this.language);
  }

  /** A wait of seconds to minutes (a nurse answering a call): "40 s" under a minute, then as duration. */
  wait(seconds: number | null): string {
    return seconds !== null && seconds < 60
      ? `${this.number(Math.max(0, Math.round(seconds)))} s`
      : this.duration(seconds);
  }

  /** "4 Mar" for chart axes. */
  shortDay(date: string): string {
    return this.#shortDay.format(dateAt(date));
  }

  /** "Wed, 4 Mar" for tables. */
  longDay(date: string): string {
    return this.#longDay.format(dateAt(date));
  }

  /** "4 March 2026 – 31 March 2026", shortened by Intl where the month or year repeat. */
  range(from: string, to: string): string {
    return from === to ? this.#fullDate.format(dateAt(from)) : this.#fullDate.formatRange(dateAt(from), dateAt(to));
  }

  /** "March 2026" from "2026-03". */
  month(month: string): string {
    return this.#month.format(dateAt(`${month}-01`));
  }

  weekday(weekday: number, long = false): string {
    return (long ? this.#weekdayLong : this.#weekday).format(weekdayAt(weekday));
  }

  /** "07:00": the 24-hour clock staff chart in. */
  hour(hour: number): string {
    return this.#hour.format(Date.UTC(2023, 0, 1, hour));
  }

  list(items: string[]): string {
    return this.#list.format(items);
  }
}
