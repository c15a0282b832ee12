import { describe, expect, it } from 'vitest';
import { kioskClock } from './kiosk-clock.svelte';
import { themeAt, themeForHour, themeForMinute } from './theme-schedule';
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

describe('the night schedule (a setting)', () => {
  it('runs across midnight when it ends earlier than it starts, to the minute', () => {
    const schedule = { start: '22:30', end: '06:15' };
    expect(themeForMinute(22 * 60 + 29, schedule)).toBe('day');
    expect(themeForMinute(22 * 60 + 30, schedule)).toBe('night');
    expect(themeForMinute(0, schedule)).toBe('night');
    expect(themeForMinute(6 * 60 + 14, schedule)).toBe('night');
    expect(themeForMinute(6 * 60 + 15, schedule)).toBe('day');
  });

  it('can lie within one day (a ward that dims in the afternoon)', () => {
    const schedule = { start: '13:00', end: '15:00' };
    expect(themeForHour(12, schedule)).toBe('day');
    expect(themeForHour(13, schedule)).toBe('night');
    expect(themeForHour(14, schedule)).toBe('night');
    expect(themeForHour(15, schedule)).toBe('day');
    expect(themeForHour(23, schedule)).toBe('day');
  });

  it('falls back to 21:00-07:00 for a schedule that is not two different times', () => {
    expect(themeForHour(22, { start: '25:00', end: '07:00' })).toBe('night');
    expect(themeForHour(12, { start: '08:00', end: '08:00' })).toBe('day');
    expect(themeAt(Date.UTC(2024, 4, 1, 6, 59))).toBe('night');
  });

  it('decides the theme by the kiosk settings once they arrive, until reset', () => {
    kioskClock.sync(Date.UTC(2024, 4, 1, 20, 0));
    expect(theme.current).toBe('day');
    theme.configure({ start: '19:30', end: '06:00' });
    expect(theme.current).toBe('night');
    kioskClock.sync(Date.UTC(2024, 4, 1, 6, 30));
    expect(theme.current).toBe('day');
    theme.reset();
    expect(theme.current).toBe('night');
  });
});
