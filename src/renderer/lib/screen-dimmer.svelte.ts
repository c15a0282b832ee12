/** How long the parent's hub stays bright without a touch. The screen never times out during a session; it dims. */
export const DIM_AFTER_MS = 3 * 60_000;

/**
 * Whether the parent's screen is dimmed. Shared, so anything that needs the parent's attention (a timer that just
 * finished) can call `screenDimmer.wake()`.
 */
export class ScreenDimmer {
  #dimmed = $state(false);

  get dimmed(): boolean {
    return this.#dimmed;
  }

  dim(): void {
    this.#dimmed = true;
  }

  wake(): void {
    this.#dimmed = false;
  }

  reset(): void {
    this.#dimmed = false;
  }
}

export const screenDimmer = new ScreenDimmer();
