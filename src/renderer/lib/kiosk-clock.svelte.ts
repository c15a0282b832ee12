/**
 * The kiosk's notion of "now" for the screen. It follows main's clock (KioskStatus.now) rather than the renderer's,
 * so times on screen agree with the times main records, including in tests that fix main's clock.
 * It only moves when `tick()` is called, so one interval decides how often times on screen change.
 */
export class KioskClock {
  #offsetMs = 0;
  #now = $state(Date.now());

  get now(): number {
    return this.#now;
  }

  /** Align with main's clock, as read from getKioskStatus. */
  sync(kioskNow: number): void {
    this.#offsetMs = kioskNow - Date.now();
    this.#now = kioskNow;
  }

  tick(): void {
    this.#now = Date.now() + this.#offsetMs;
  }

  reset(): void {
    this.#offsetMs = 0;
    this.#now = Date.now();
  }
}

export const kioskClock = new KioskClock();
