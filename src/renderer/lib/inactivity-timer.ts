/**
 * "Nobody has touched the screen for a while": staff screens return to the board and sign out, the parent hub dims.
 * Timers are injected so tests move time instead of waiting.
 */
export interface TimerFunctions {
  setTimeout: (callback: () => void, ms: number) => ReturnType<typeof setTimeout>;
  clearTimeout: (handle: ReturnType<typeof setTimeout>) => void;
}

const realTimers: TimerFunctions = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle),
};

/** Calls `onIdle` once, `idleMs` after the last `poke()` (or after `start()`), unless stopped first. */
export class InactivityTimer {
  readonly #idleMs: number;
  readonly #onIdle: () => void;
  readonly #timers: TimerFunctions;
  #handle: ReturnType<typeof setTimeout> | null = null;

  constructor(idleMs: number, onIdle: () => void, timers: TimerFunctions = realTimers) {
    if (!Number.isFinite(idleMs) || idleMs <= 0) throw new RangeError(`idleMs must be positive, got ${idleMs}`);
    this.#idleMs = idleMs;
    this.#onIdle = onIdle;
    this.#timers = timers;
  }

  get running(): boolean {
    return this.#handle !== null;
  }

  start(): void {
    this.#schedule();
  }

  /** Someone touched the screen or pressed a key: count from now again. Ignored once stopped or fired. */
  poke(): void {
    if (this.#handle !== null) this.#schedule();
  }

  stop(): void {
    if (this.#handle !== null) this.#timers.clearTimeout(this.#handle);
    this.#handle = null;
  }

  #schedule(): void {
    this.stop();
    this.#handle = this.#timers.setTimeout(() => {
      this.#handle = null;
      this.#onIdle();
    }, this.#idleMs);
  }
}

/** What counts as someone using the kiosk: any touch, click, key, scroll or wheel. */
export const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * Runs `onIdle` after `idleMs` with no activity on `target` (usually `window`). Listens in the capture phase, so a
 * screen that stops an event from bubbling still counts as used. Returns the function that stops watching.
 */
export function watchInactivity(
  target: EventTarget,
  idleMs: number,
  onIdle: () => void,
  timers: TimerFunctions = realTimers,
): () => void {
  const timer = new InactivityTimer(idleMs, onIdle, timers);
  const poke = () => timer.poke();
  for (const type of ACTIVITY_EVENTS) target.addEventListener(type, poke, { capture: true, passive: true });
  timer.start();
  return () => {
    timer.stop();
    for (const type of ACTIVITY_EVENTS) target.removeEventListener(type, poke, { capture: true });
  };
}
