export interface ReloadBackoffOptions {
  firstDelayMs: number;
  maxDelayMs: number;
  /** Crashes further apart than this are not counted as a loop. */
  windowMs: number;
}

/**
 * How long to wait before reloading a crashed renderer. The first crash reloads at once; crashes in quick
 * succession double the wait up to a ceiling, so a page that crashes on load cannot spin the CPU. A quiet spell
 * resets it. Pure: the caller passes the time.
 */
export class ReloadBackoff {
  readonly #crashTimes: number[] = [];
  readonly #options: ReloadBackoffOptions;

  constructor(options: ReloadBackoffOptions = { firstDelayMs: 500, maxDelayMs: 30_000, windowMs: 60_000 }) {
    this.#options = options;
  }

  /** Records a crash at `now` (epoch ms) and answers the delay before the reload. */
  nextDelay(now: number): number {
    while (this.#crashTimes.length > 0 && now - this.#crashTimes[0]! > this.#options.windowMs) this.#crashTimes.shift();
    this.#crashTimes.push(now);
    const recent = this.#crashTimes.length;
    if (recent === 1) return 0;
    return Math.min(this.#options.firstDelayMs * 2 ** (recent - 2), this.#options.maxDelayMs);
  }
}
