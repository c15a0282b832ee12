import type { NightSchedule } from '../../shared/domain';
import { kioskClock } from './kiosk-clock.svelte';
import { DEFAULT_NIGHT_SCHEDULE, themeAt, type Theme } from './theme-schedule';

/**
 * The day/night theme: follows the kiosk's local time and its night schedule (a setting) until someone flips the
 * toggle, which then holds until the next reload (a shared screen returns to the time-based default on its own).
 */
export class ThemeState {
  #override = $state<Theme | null>(null);
  #schedule = $state<NightSchedule>(DEFAULT_NIGHT_SCHEDULE);

  get current(): Theme {
    return this.#override ?? themeAt(kioskClock.now, this.#schedule);
  }

  /** The kiosk's night schedule, from getKioskStatus. */
  configure(schedule: NightSchedule): void {
    this.#schedule = { start: schedule.start, end: schedule.end };
  }

  toggle(): void {
    this.#override = this.current === 'day' ? 'night' : 'day';
  }

  reset(): void {
    this.#override = null;
    this.#schedule = DEFAULT_NIGHT_SCHEDULE;
  }
}

export const theme = new ThemeState();
