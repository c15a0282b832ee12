import { kioskClock } from './kiosk-clock.svelte';
import { themeAt, type Theme } from './theme-schedule';

/**
 * The day/night theme: follows the kiosk's local time until someone flips the toggle, which then holds until
 * the next reload (a shared screen returns to the time-based default on its own).
 */
export class ThemeState {
  #override = $state<Theme | null>(null);

  get current(): Theme {
    return this.#override ?? themeAt(kioskClock.now);
  }

  toggle(): void {
    this.#override = this.current === 'day' ? 'night' : 'day';
  }

  reset(): void {
    this.#override = null;
  }
}

export const theme = new ThemeState();
