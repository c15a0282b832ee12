/**
 * Local time in the kiosk's time zone, DST included, with plain Intl (Node 20 has no Temporal).
 *
 * A range of instants is cut into segments of constant UTC offset. Inside a segment, local wall time is simply
 * `instant + offset`, so SQL can bucket by day or hour with integer arithmetic and the export can format a million
 * timestamps without calling Intl once per row.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface OffsetSegment {
  /** UTC epoch ms, inclusive. */
  start: number;
  /** UTC epoch ms, exclusive. */
  end: number;
  /** Local wall time minus UTC, in ms (e.g. -5 h for New York in winter). */
  offset: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "GMT-05:00"-style offsets: several times faster than formatToParts, which matters when probing years of DST. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const OFFSET_PATTERN = /GMT(?:([+-])(\d{1,2}):?(\d{2})?(?::?(\d{2}))?)?$/;

/** The zone's UTC offset at an instant, in ms, to the minute (every zone since 1972 keeps whole minutes). */
export function offsetAt(timeZone: string, instant: number): number {
  const text = formatterFor(timeZone).format(instant);
  const match = OFFSET_PATTERN.exec(text);
  if (!match) throw new Error(`Unexpected time zone offset "${text}" for ${timeZone}.`);
  if (!match[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0) + Math.round(Number(match[4] ?? 0) / 60);
  return (match[1] === '-' ? -minutes : minutes) * MINUTE;
}

/** The last instant in (low, high] that still has `lowOffset`; the change happens right after it. */
function findChange(timeZone: string, low: number, high: number, lowOffset: number): number {
  // Offsets change on whole minutes: bisect in minutes.
  let lo = Math.floor(low / MINUTE);
  let hi = Math.ceil(high / MINUTE);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(timeZone, mid * MINUTE) === lowOffset) lo = mid;
    else hi = mid;
  }
  return hi * MINUTE;
}

/**
 * Segments of constant offset covering [from, to). Sampled once a day, then bisected to the minute: no zone since
 * the 1970s changes its offset twice within a day.
 */
export function offsetSegments(timeZone: string, from: number, to: number): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  let start = from;
  let offset = offsetAt(timeZone, from);
  let probe = from;
  while (probe < to) {
    const next = Math.min(probe + DAY, to);
    const nextOffset = offsetAt(timeZone, next === to ? to - 1 : next);
    if (nextOffset !== offset) {
      const change = findChange(timeZone, probe, next === to ? to - 1 : next, offset);
      segments.push({ start, end: change, offset });
      start = change;
      offset = nextOffset;
    }
    probe = next;
  }
  segments.push({ start, end: to, offset });
  return segments.filter((segment) => segment.end > segment.start);
}

/** Formats "+05:30" / "-05:00" / "+00:00". */
export function formatOffset(offset: number): string {
  const minutes = Math.abs(offset) / MINUTE;
  const sign = offset < 0 ? '-' : '+';
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Local time for one zone over a known span of instants: offsets, ISO 8601 with the offset, and wall time back to
 * instants. Instants outside the span are looked up with Intl (slower, still correct).
 */
const TWO_DIGITS = Array.from({ length: 60 }, (_, value) => String(value).padStart(2, '0'));

export class ZoneTime {
  readonly timeZone: string;
  readonly segments: readonly OffsetSegment[];
  readonly #offsetText = new Map<number, string>();
  // The export formats millions of times in start order: remember the last segment and the last local day.
  #lastSegment: OffsetSegment;
  #cachedDay = Number.NaN;
  #cachedDayText = '';

  constructor(timeZone: string, from: number, to: number) {
    this.timeZone = timeZone;
    this.segments = offsetSegments(timeZone, from, to);
    this.#lastSegment = this.segments[0]!;
  }

  offset(instant: number): number {
    const last = this.#lastSegment;
    if (instant >= last.start && instant < last.end) return last.offset;
    const segments = this.segments;
    if (instant < segments[0]!.start || instant >= segments.at(-1)!.end) return offsetAt(this.timeZone, instant);
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid]!.start <= instant) lo = mid;
      else hi = mid - 1;
    }
    this.#lastSegment = segments[lo]!;
    return segments[lo]!.offset;
  }

  /** "2026-03-08T01:30:00-05:00": local wall time to the second, with the offset in force at that instant. */
  toIso(instant: number): string {
    const offset = this.offset(instant);
    let offsetText = this.#offsetText.get(offset);
    if (offsetText === undefined) {
      offsetText = formatOffset(offset);
      this.#offsetText.set(offset, offsetText);
    }
    const local = instant + offset;
    const day = Math.floor(local / DAY);
    if (day !== this.#cachedDay) {
      this.#cachedDay = day;
      this.#cachedDayText = new Date(day * DAY).toISOString().slice(0, 11);
    }
    const seconds = Math.floor((local - day * DAY) / 1000);
    const hours = Math.floor(seconds / 3600);
    const minutes = Math.floor((seconds % 3600) / 60);
    return `${this.#cachedDayText}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds % 60]}${offsetText}`;
  }

  /**
   * The first instant whose local wall time is at or after `wall` (wall time written as if it were UTC ms).
   * A wall time skipped by a DST change maps to the change itself; a repeated one maps to its first occurrence.
   */
  firstInstantAtWall(wall: number): number {
    const first = this.segments[0]!;
    if (wall - first.offset < first.start) return wall - offsetAt(this.timeZone, wall - first.offset);
    for (const segment of this.segments) {
      const instant = wall - segment.offset;
      if (instant < segment.start) return segment.start;
      if (instant < segment.end) return instant;
    }
    const last = this.segments.at(-1)!;
    return wall - offsetAt(this.timeZone, wall - last.offset);
  }
}
