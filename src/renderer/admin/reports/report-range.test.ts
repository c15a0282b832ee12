import { describe, expect, it } from 'vitest';
import { addDays, checkRange, daysInRange, localToday, monthRange, presetRange } from './report-range';

describe('report ranges', () => {
  it('reads today in the kiosk time zone, not the computer one', () => {
    const instant = Date.parse('2026-03-01T03:30:00Z');
    expect(localToday(instant, 'UTC')).toBe('2026-03-01');
    expect(localToday(instant, 'America/New_York')).toBe('2026-02-28');
    expect(localToday(instant, 'Asia/Tokyo')).toBe('2026-03-01');
  });

  it('gives each preset its inclusive dates', () => {
    const today = '2026-03-10';
    expect(presetRange('today', today)).toEqual({ from: today, to: today });
    expect(presetRange('last7', today)).toEqual({ from: '2026-03-04', to: today });
    expect(presetRange('last30', today)).toEqual({ from: '2026-02-09', to: today });
    expect(presetRange('thisMonth', today)).toEqual({ from: '2026-03-01', to: today });
    expect(presetRange('lastMonth', today)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('lastMonth', '2026-01-31')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(daysInRange(presetRange('last7', today))).toBe(7);
    expect(daysInRange(presetRange('last30', today))).toBe(30);
  });

  it('knows month lengths and leap years', () => {
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
  });

  it('explains a custom range it cannot use', () => {
    expect(checkRange({ from: '2026-03-01', to: '2026-03-31' })).toBeNull();
    expect(checkRange({ from: '', to: '2026-03-31' })).toBe('missing');
    expect(checkRange({ from: '2026-02-30', to: '2026-03-31' })).toBe('missing');
    expect(checkRange({ from: '2026-04-01', to: '2026-03-31' })).toBe('order');
    expect(checkRange({ from: '2025-01-01', to: '2026-01-02' })).toBe('too-long');
    expect(checkRange({ from: '2025-01-01', to: '2026-01-01' })).toBeNull();
    expect(checkRange({ from: '2028-01-01', to: '2028-12-31' })).toBeNull();
  });
});
