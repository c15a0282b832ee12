import { describe, expect, it } from 'vitest';
import { formatClockTime, formatElapsed } from './format';

const MINUTE = 60_000;
const at = (hours: number, minutes: number) => Date.UTC(2024, 4, 1, hours, minutes);

describe('formatClockTime', () => {
  it('shows hh:mm on a 24-hour clock in both languages', () => {
    expect(formatClockTime(at(14, 5), 'en', 'UTC')).toEqual({ text: '14:05', hour: 14 });
    expect(formatClockTime(at(14, 5), 'es', 'UTC')).toEqual({ text: '14:05', hour: 14 });
    expect(formatClockTime(at(0, 30), 'en', 'UTC')).toEqual({ text: '00:30', hour: 0 });
    expect(formatClockTime(at(9, 7), 'es', 'UTC').text).toBe('09:07');
  });

  it('uses the time zone it is given', () => {
    expect(formatClockTime(at(14, 5), 'en', 'Europe/Madrid')).toEqual({ text: '16:05', hour: 16 });
  });
});

describe('formatElapsed', () => {
  it('says "under 1 min" for a session that just started, and never a negative time', () => {
    expect(formatElapsed(0, 'en')).toBe('under 1 min');
    expect(formatElapsed(59_999, 'en')).toBe('under 1 min');
    expect(formatElapsed(-5 * MINUTE, 'en')).toBe('under 1 min');
    expect(formatElapsed(30_000, 'es')).toBe('menos de 1 min');
  });

  it('counts whole minutes below an hour', () => {
    expect(formatElapsed(MINUTE, 'en')).toBe('1 min');
    expect(formatElapsed(23 * MINUTE + 59_000, 'en')).toBe('23 min');
    expect(formatElapsed(59 * MINUTE, 'es')).toBe('59 min');
  });

  it('uses singular and plural hours', () => {
    expect(formatElapsed(60 * MINUTE, 'en')).toBe('1 hour');
    expect(formatElapsed(65 * MINUTE, 'en')).toBe('1 hour 5 min');
    expect(formatElapsed(120 * MINUTE, 'en')).toBe('2 hours');
    expect(formatElapsed(125 * MINUTE, 'en')).toBe('2 hours 5 min');
    expect(formatElapsed(60 * MINUTE, 'es')).toBe('1 hora');
    expect(formatElapsed(65 * MINUTE, 'es')).toBe('1 hora 5 min');
    expect(formatElapsed(180 * MINUTE, 'es')).toBe('3 horas');
  });

  it('groups large numbers the language’s way', () => {
    expect(formatElapsed(1_234 * 60 * MINUTE, 'en')).toBe('1,234 hours');
    expect(formatElapsed(12_345 * 60 * MINUTE + 5 * MINUTE, 'es')).toBe('12.345 horas 5 min');
  });
});
