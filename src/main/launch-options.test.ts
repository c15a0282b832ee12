import { describe, expect, it } from 'vitest';
import { isKioskMode, testClockFromEnvironment } from './launch-options';

describe('isKioskMode', () => {
  it('is always on in the packaged app', () => {
    expect(isKioskMode(true, ['/opt/kiosk/kiosk'])).toBe(true);
  });

  it('is on in development only with --kiosk', () => {
    expect(isKioskMode(false, ['electron', '.'])).toBe(false);
    expect(isKioskMode(false, ['electron', '.', '--kiosk'])).toBe(true);
    expect(isKioskMode(false, ['electron', '.', '--kiosk-ish'])).toBe(false);
  });
});

describe('test clock', () => {
  it('fixes the clock from KIOSK_FIXED_TIME only when unpackaged', () => {
    const time = '2026-03-01T10:00:00.000Z';
    expect(testClockFromEnvironment(false, { KIOSK_FIXED_TIME: time })?.now()).toBe(Date.parse(time));
    expect(testClockFromEnvironment(true, { KIOSK_FIXED_TIME: time })).toBeUndefined();
    expect(testClockFromEnvironment(false, {})).toBeUndefined();
    expect(() => testClockFromEnvironment(false, { KIOSK_FIXED_TIME: 'soon' })).toThrow(/not a date/);
  });
});
