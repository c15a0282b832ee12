/**
 * Time, injected everywhere so tests move it instead of sleeping.
 *
 * Every time that core stores is a whole number of milliseconds (STRICT INTEGER columns refuse anything else), and
 * the readings of the system's clocks are not: `performance.now()` has microseconds. So readings enter core here and
 * nowhere else, floored to whole milliseconds, and the type says so: a `Clock` returns `WholeMs`, which only
 * `toWholeMs` makes. Arithmetic on two readings gives a plain number that is still whole.
 *
 * `now` is wall-clock UTC epoch ms (what the database stores); `monotonic` never jumps when someone changes the
 * system clock, so running timers measure elapsed time with it.
 */
declare const wholeMsBrand: unique symbol;
export type WholeMs = number & { readonly [wholeMsBrand]: true };

/** The largest reading core accepts: still exact in a double and in SQLite's 64-bit integers. */
const LARGEST_READING = Number.MAX_SAFE_INTEGER;

/** A clock reading as whole milliseconds; anything that is not a finite number in range is a broken clock. */
export function toWholeMs(reading: number): WholeMs {
  if (!Number.isFinite(reading) || Math.abs(reading) > LARGEST_READING)
    throw new RangeError(`clock reading out of range: ${reading}`);
  return Math.floor(reading) as WholeMs;
}

export interface Clock {
  now(): WholeMs;
  monotonic(): WholeMs;
}

/** Raw readings as a platform gives them: possibly fractional. */
export interface TimeSource {
  now(): number;
  monotonic(): number;
}

/** The one place raw readings become core's whole milliseconds. */
export function wholeMsClock(source: TimeSource): Clock {
  return {
    now: () => toWholeMs(source.now()),
    monotonic: () => toWholeMs(source.monotonic()),
  };
}

export const systemClock: Clock = wholeMsClock({
  now: () => Date.now(),
  monotonic: () => performance.now(),
});

/**
 * A clock for tests that must jump time: starts where you say and moves only when told. It keeps raw readings, which
 * may be fractional (as the system's are), and reads them through `toWholeMs` like the system clock.
 */
export class ManualClock implements Clock {
  #wall: number;
  #mono: number;

  constructor(startAt: number | Date, monotonicStart = 0) {
    this.#wall = typeof startAt === 'number' ? startAt : startAt.getTime();
    this.#mono = monotonicStart;
  }

  now(): WholeMs {
    return toWholeMs(this.#wall);
  }

  monotonic(): WholeMs {
    return toWholeMs(this.#mono);
  }

  /** Real time passing: both clocks move. */
  advance(ms: number): void {
    this.#wall += ms;
    this.#mono += ms;
  }

  /** Someone changed the system clock: only the wall clock jumps. */
  jumpWallClock(ms: number): void {
    this.#wall += ms;
  }

  /** The wall clock stands still (a stalled NTP step, a VM paused and resumed) while real time passes. */
  advanceMonotonicOnly(ms: number): void {
    this.#mono += ms;
  }
}
