/** How long the parent's hub stays bright without a touch. The screen never times out during a session; it dims. */
export const DIM_AFTER_MS = 3 * 60_000;

/**
 * Whether the parent's screen is dimmed. Shared, so anything that needs the parent's attention (a timer that just
 * finished) can call `screenDimmer.wake()`.
 */
export class ScreenDimmer {
  #dimmed = $state(false);
  #wakes = $state(0);

  get dimmed(): boolean {
    return this.#dimmed;
  }

  /**
   * Counts every wake, bright or not: the quiet minutes before dimming start again from it, so a timer that finishes
   * just before the screen would have dimmed keeps its notice bright for the full minutes.
   */
  get wakes(): number {
    return this.#wakes;
  }

  dim(): void {
    this.#dimmed = true;
  }

  wake(): void {
    this.#dimmed = false;
    this.#wakes += 1;
  }

  reset(): void {
    this.#dimmed = false;
  }
}

export const screenDimmer = new ScreenDimmer();
