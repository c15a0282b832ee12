import { describe, expect, it } from 'vitest';
import { formatCountdown, formatCountUp, formatSpan } from './timer-format';

describe('timer digits', () => {
  it('round a countdown up, so it never shows 0:00 before it has ended', () => {
    expect(formatCountdown(300_000)).toBe('5:00');
    expect(formatCountdown(299_001)).toBe('5:00');
    expect(formatCountdown(299_000)).toBe('4:59');
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-4_000)).toBe('0:00');
  });

  it('round a count up down, and show hours when there are some', () => {
    expect(formatCountUp(59_999)).toBe('0:59');
    expect(formatCountUp(600_000)).toBe('10:00');
    expect(formatCountUp(3_723_000)).toBe('1:02:03');
    expect(formatCountUp(-1)).toBe('0:00');
  });

  it('give a length of time its units, so it never looks like a time of day', () => {
    expect(formatSpan(843_000)).toBe('14 min 03 s');
    expect(formatSpan(3_723_000)).toBe('1 h 02 min 03 s');
    expect(formatSpan(-5)).toBe('0 min 00 s');
  });
});
