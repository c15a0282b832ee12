import { describe, expect, it } from 'vitest';
import { KioskError } from '../errors';
import { localRange, parseCalendarDate } from './local-days';
import { formatOffset, offsetAt, offsetSegments, ZoneTime } from './zone-offsets';

const H = 3_600_000;

describe('time zone offsets', () => {
  it('knows New York’s offset either side of both 2026 changes', () => {
    expect(offsetAt('America/New_York', Date.UTC(2026, 2, 8, 6, 59))).toBe(-5 * H);
    expect(offsetAt('America/New_York', Date.UTC(2026, 2, 8, 7, 0))).toBe(-4 * H);
    expect(offsetAt('America/New_York', Date.UTC(2026, 10, 1, 5, 59))).toBe(-4 * H);
    expect(offsetAt('America/New_York', Date.UTC(2026, 10, 1, 6, 0))).toBe(-5 * H);
    expect(offsetAt('UTC', Date.UTC(2026, 0, 1))).toBe(0);
    expect(offsetAt('Asia/Kathmandu', Date.UTC(2026, 0, 1))).toBe(5.75 * H);
  });

  it('cuts a year into segments at the exact minute of each change', () => {
    const segments = offsetSegments('America/New_York', Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1));
    expect(segments).toEqual([
      { start: Date.UTC(2026, 0, 1), end: Date.UTC(2026, 2, 8, 7), offset: -5 * H },
      { start: Date.UTC(2026, 2, 8, 7), end: Date.UTC(2026, 10, 1, 6), offset: -4 * H },
      { start: Date.UTC(2026, 10, 1, 6), end: Date.UTC(2027, 0, 1), offset: -5 * H },
    ]);
    expect(offsetSegments('UTC', 0, 10 * 86_400_000)).toHaveLength(1);
  });

  it('writes ISO 8601 with the offset in force at each instant', () => {
    const zone = new ZoneTime('America/New_York', Date.UTC(2026, 9, 30), Date.UTC(2026, 10, 3));
    // 01:30 happens twice on 1 November 2026: once in daylight time, once in standard time.
    expect(zone.toIso(Date.UTC(2026, 10, 1, 5, 30))).toBe('2026-11-01T01:30:00-04:00');
    expect(zone.toIso(Date.UTC(2026, 10, 1, 6, 30, 59, 999))).toBe('2026-11-01T01:30:59-05:00');
    // Outside the prepared span it falls back to Intl, still right.
    expect(zone.toIso(Date.UTC(2026, 6, 1, 12))).toBe('2026-07-01T08:00:00-04:00');
    expect(formatOffset(5.75 * H)).toBe('+05:45');
    expect(formatOffset(-3.5 * H)).toBe('-03:30');
    expect(formatOffset(0)).toBe('+00:00');
  });
});

describe('local days', () => {
  it('gives DST days their real length in New York', () => {
    const spring = localRange('America/New_York', '2026-03-07', '2026-03-09');
    expect(spring.days.map((day) => [day.date, day.weekday, (day.end - day.start) / H])).toEqual([
      ['2026-03-07', 6, 24],
      ['2026-03-08', 0, 23],
      ['2026-03-09', 1, 24],
    ]);
    expect(spring.start).toBe(Date.UTC(2026, 2, 7, 5));
    expect(spring.end).toBe(Date.UTC(2026, 2, 10, 4));
    const autumn = localRange('America/New_York', '2026-11-01', '2026-11-01');
    expect((autumn.end - autumn.start) / H).toBe(25);
  });

  it('starts a day whose midnight does not exist at the change (Santiago, September 2026)', () => {
    const range = localRange('America/Santiago', '2026-09-06', '2026-09-06');
    expect(range.zone.toIso(range.start)).toBe('2026-09-06T01:00:00-03:00');
    expect((range.end - range.start) / H).toBe(23);
  });

  it('refuses dates that do not exist, and a start after the end', () => {
    expect(parseCalendarDate('2026-02-29')).toBeUndefined();
    expect(parseCalendarDate('2028-02-29')).toBe(Date.UTC(2028, 1, 29));
    expect(() => localRange('UTC', '2026-02-30', '2026-03-01')).toThrow(KioskError);
    expect(() => localRange('UTC', '2026-03-02', '2026-03-01')).toThrow(/after the end date/);
    expect(() => localRange('UTC', '2025-01-01', '2026-01-02', 366)).toThrow(/at most 366 days/);
  });
});

describe('fast ISO formatting', () => {
  it('agrees with Intl for random instants over ten years in several zones', () => {
    const zones = [
      'America/New_York',
      'Europe/Madrid',
      'Asia/Kathmandu',
      'America/St_Johns',
      'Australia/Lord_Howe',
      'UTC',
    ];
    const from = Date.UTC(2018, 0, 1);
    const to = Date.UTC(2028, 0, 1);
    for (const timeZone of zones) {
      const zone = new ZoneTime(timeZone, from, to);
      const local = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium' });
      const offsetName = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
      let instant = from;
      for (let index = 0; index < 3000; index++) {
        instant = from + ((instant * 48271 + index * 7919) % (to - from));
        const offset = offsetName.format(instant).split('GMT')[1] || '+00:00';
        expect(zone.toIso(instant), `${timeZone} ${instant}`).toBe(
          `${local.format(instant).replace(' ', 'T')}${offset}`,
        );
      }
    }
  });
});
