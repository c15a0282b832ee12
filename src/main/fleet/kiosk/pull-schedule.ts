/** The least time between two pulls the centre's notifications ask for. */
export const PULL_GAP_MS = 250;

/**
 * When to read something from the centre again: every `everyMs`, or sooner when the centre's NOTIFY asks, but never
 * twice within PULL_GAP_MS (any role may NOTIFY, so a flood of them costs at most one pull per gap). Timed on the
 * monotonic clock, which a kiosk clock set wrong does not move.
 */
export class PullSchedule {
  #last = -Infinity;
  #requested = false;

  constructor(readonly everyMs: number) {}

  /** The centre said something changed. */
  request(): void {
    this.#requested = true;
  }

  isDue(): boolean {
    const since = performance.now() - this.#last;
    return since >= this.everyMs || (this.#requested && since >= PULL_GAP_MS);
  }

  /** Milliseconds until a requested pull may run; Infinity when none was requested. */
  untilRequested(): number {
    return this.#requested ? Math.max(0, PULL_GAP_MS - (performance.now() - this.#last)) : Infinity;
  }

  /** A due pull starts: a notification that comes during it asks for another. */
  start(): void {
    this.#requested = false;
  }

  /** A pull finished: the next is timed from now. */
  finish(): void {
    this.#last = performance.now();
  }
}
