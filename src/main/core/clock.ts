/**
 * Time, injected everywhere so tests move it instead of sleeping.
 * `now` is wall-clock UTC epoch ms (what the database stores); `monotonic` never jumps when someone changes the
 * system clock, so running timers measure elapsed time with it.
 */
export interface Clock {
  now(): number;
  monotonic(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
};

/** A clock for tests: starts where you say and moves only when told. */
export class ManualClock implements Clock {
  #wall: number;
  #mono = 0;

  constructor(startAt: number | Date) {
    this.#wall = typeof startAt === 'number' ? startAt : startAt.getTime();
  }

  now(): number {
    return this.#wall;
  }

  monotonic(): number {
    return this.#mono;
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
}
