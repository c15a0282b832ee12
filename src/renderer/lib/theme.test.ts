import { describe, expect, it } from 'vitest';
import { kioskClock } from './kiosk-clock.svelte';
import { themeForHour } from './theme-schedule';
import { theme } from './theme.svelte';

describe('themeForHour', () => {
  it('is night from 21:00 to 06:59 and day from 07:00 to 20:59', () => {
    expect(themeForHour(20)).toBe('day');
    expect(themeForHour(21)).toBe('night');
    expect(themeForHour(0)).toBe('night');
    expect(themeForHour(6)).toBe('night');
    expect(themeForHour(7)).toBe('day');
    expect(themeForHour(12)).toBe('day');
  });
});

describe('theme', () => {
  it('follows the kiosk clock (local time) until toggled', () => {
    kioskClock.sync(Date.UTC(2024, 4, 1, 22, 30));
    expect(theme.current).toBe('night');
    kioskClock.sync(Date.UTC(2024, 4, 1, 8, 0));
    expect(theme.current).toBe('day');
  });

  it('holds a toggled choice even when the hour changes, until reset', () => {
    kioskClock.sync(Date.UTC(2024, 4, 1, 8, 0));
    theme.toggle();
    expect(theme.current).toBe('night');
    kioskClock.sync(Date.UTC(2024, 4, 1, 12, 0));
    expect(theme.current).toBe('night');
    theme.toggle();
    expect(theme.current).toBe('day');
    theme.reset();
    kioskClock.sync(Date.UTC(2024, 4, 1, 23, 0));
    expect(theme.current).toBe('night');
  });
});
