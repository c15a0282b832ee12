import type { KioskDatabase } from '../db/open-database';
import { describe, expect } from 'vitest';
import { addRoom, addStaffMember, sessionsStartedBy } from '../testing/report-fixture';
import { buildUsageReport } from './usage-report';
import { dbTest } from '../testing/temp-database';

const NY = 'America/New_York';
const MIN = 60;

function emptyHeatMap(): number[][] {
  return Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
}

/**
 * Three New York days around the spring change (Sunday 8 March 2026, 02:00 EST → 03:00 EDT). The range runs from
 * 7 March 00:00 EST (05:00Z) to 10 March 00:00 EDT (04:00Z): 71 hours. Every expected number below is worked out by
 * hand from these sessions.
 */
function springFixture(db: KioskDatabase) {
  const session = sessionsStartedBy(db, addStaffMember(db, '101'));
  const roomA = addRoom(db, 'Room A');
  const roomB = addRoom(db, 'Room B');
  addRoom(db, 'Old room C', false);
  const roomD = addRoom(db, 'Old room D', false);
  // S6: started the evening before the range, occupies Room A for its first hour (05:00Z–06:00Z).
  session(roomA, '2026-03-07T03:00:00Z', '2026-03-07T06:00:00Z', {
    events: [
      { at: '2026-03-07T04:00:00Z', type: 'guide-viewed', detail: { guide: 'cradle' } },
      { at: '2026-03-07T05:30:00Z', type: 'guide-viewed', detail: { guide: 'laid-back' } },
    ],
  });
  // S1: Saturday 23:30 EST to Sunday 00:20 EST, across midnight: 50 minutes, counted on Saturday.
  session(roomA, '2026-03-08T04:30:00Z', '2026-03-08T05:20:00Z', {
    events: [
      { at: '2026-03-08T04:35:00Z', type: 'guide-viewed', detail: { guide: 'cradle' } },
      { at: '2026-03-08T04:50:00Z', type: 'help-requested' },
    ],
  });
  // S2: Sunday 01:30 EST to 03:10 EDT, across the change: 40 real minutes, auto-closed.
  session(roomA, '2026-03-08T06:30:00Z', '2026-03-08T07:10:00Z', {
    kind: 'breastfeeding',
    language: 'es',
    reason: 'auto-closed',
    events: [
      { at: '2026-03-08T06:40:00Z', type: 'timer-started', detail: { preset: 'warm-compress-5' } },
      { at: '2026-03-08T06:45:00Z', type: 'guide-viewed', detail: { guide: 'cradle' } },
      { at: '2026-03-08T06:50:00Z', type: 'guide-viewed', detail: { guide: 'football' } },
    ],
  });
  // S3: Sunday 10:00–10:30 EDT in Room B, ended by staff.
  session(roomB, '2026-03-08T14:00:00Z', '2026-03-08T14:30:00Z', {
    kind: 'hand-expression',
    reason: 'staff-ended',
    events: [
      { at: '2026-03-08T14:05:00Z', type: 'guide-viewed', detail: { guide: 'hand-expression' } },
      { at: '2026-03-08T14:10:00Z', type: 'timer-started', detail: { preset: 'left-right' } },
    ],
  });
  // S4: Monday 08:00–09:10 EDT in a room since taken out of use: 70 minutes.
  session(roomD, '2026-03-09T12:00:00Z', '2026-03-09T13:10:00Z');
  // S5: Monday 23:00 EDT in Room B, still open: occupies it until the range ends (04:00Z).
  session(roomB, '2026-03-10T03:00:00Z', undefined, { language: 'es' });
  // S7: after the range.
  session(roomA, '2026-03-10T04:30:00Z', '2026-03-10T05:00:00Z', {
    events: [{ at: '2026-03-10T04:40:00Z', type: 'help-requested' }],
  });
  return { roomA, roomB, roomD };
}

const NOW = Date.parse('2026-03-10T06:00:00Z');
const RANGE_MINUTES = 71 * 60;

describe('usage report', () => {
  dbTest('matches hand-computed numbers around the spring DST change, across midnight', ({ db }) => {
    const { roomA, roomB, roomD } = springFixture(db);
    const report = buildUsageReport(db, { from: '2026-03-07', to: '2026-03-09', timeZone: NY, now: NOW });
    const heatMap = emptyHeatMap();
    heatMap[6]![23] = 1; // S1, Saturday 23:00
    heatMap[0]![1] = 1; // S2, Sunday 01:00 (EST)
    heatMap[0]![10] = 1; // S3
    heatMap[1]![8] = 1; // S4
    heatMap[1]![23] = 1; // S5
    expect(report).toEqual({
      from: '2026-03-07',
      to: '2026-03-09',
      timeZone: NY,
      roomId: null,
      rangeStart: Date.parse('2026-03-07T05:00:00Z'),
      rangeEnd: Date.parse('2026-03-10T04:00:00Z'),
      generatedAt: NOW,
      sessions: 5,
      endedSessions: 4,
      // 50 + 40 + 30 + 70 minutes; median of 30, 40, 50, 70 is 45.
      duration: { totalSeconds: 190 * MIN, meanSeconds: 47.5 * MIN, medianSeconds: 45 * MIN },
      sessionsPerDay: [
        { date: '2026-03-07', sessions: 1 },
        { date: '2026-03-08', sessions: 2 },
        { date: '2026-03-09', sessions: 2 },
      ],
      heatMap,
      rooms: [
        // S6's first hour + S1 + S2.
        {
          roomId: roomA,
          name: 'Room A',
          active: true,
          sessions: 2,
          occupiedSeconds: 150 * MIN,
          utilization: 150 / RANGE_MINUTES,
        },
        // S3 + S5 open from 03:00Z to the end of the range.
        {
          roomId: roomB,
          name: 'Room B',
          active: true,
          sessions: 2,
          occupiedSeconds: 90 * MIN,
          utilization: 90 / RANGE_MINUTES,
        },
        {
          roomId: roomD,
          name: 'Old room D',
          active: false,
          sessions: 1,
          occupiedSeconds: 70 * MIN,
          utilization: 70 / RANGE_MINUTES,
        },
      ],
      kinds: { breastfeeding: 1, pumping: 3, 'hand-expression': 1 },
      endReasons: { completed: 2, 'staff-ended': 1, 'auto-closed': 1, recovered: 0 },
      autoClosedShare: 0.25,
      languages: { en: 3, es: 2 },
      helpRequests: 1,
      helpCalls: { calls: 0, answered: 0, medianAnswerSeconds: null, p90AnswerSeconds: null },
      guides: [
        { guide: 'cradle', views: 2 },
        { guide: 'football', views: 1 },
        { guide: 'hand-expression', views: 1 },
        { guide: 'laid-back', views: 1 },
      ],
      timerPresets: [
        { preset: 'left-right', starts: 1 },
        { preset: 'warm-compress-5', starts: 1 },
      ],
    });
  });

  dbTest('reports one room, counting events of its sessions only', ({ db }) => {
    const { roomA } = springFixture(db);
    const report = buildUsageReport(db, {
      from: '2026-03-07',
      to: '2026-03-09',
      roomId: roomA,
      timeZone: NY,
      now: NOW,
    });
    expect(report).toMatchObject({
      roomId: roomA,
      sessions: 2,
      endedSessions: 2,
      duration: { totalSeconds: 90 * MIN, meanSeconds: 45 * MIN, medianSeconds: 45 * MIN },
      kinds: { pumping: 1, breastfeeding: 1, 'hand-expression': 0 },
      helpRequests: 1,
      guides: [
        { guide: 'cradle', views: 2 },
        { guide: 'football', views: 1 },
        { guide: 'laid-back', views: 1 },
      ],
      timerPresets: [{ preset: 'warm-compress-5', starts: 1 }],
    });
    expect(report.rooms.map((room) => room.name)).toEqual(['Room A']);
  });

  dbTest('puts both 01:00 hours of the autumn change in the 01:00 cell of a 25-hour day', ({ db }) => {
    const session = sessionsStartedBy(db, addStaffMember(db, '101'));
    const room = addRoom(db, 'Room A');
    // 1 November 2026: 01:30 EDT, 01:50 EDT → 01:10 EST (20 real minutes), 01:30 EST, then 23:30 EST.
    session(room, '2026-11-01T05:30:00Z', '2026-11-01T05:40:00Z');
    session(room, '2026-11-01T05:50:00Z', '2026-11-01T06:10:00Z');
    session(room, '2026-11-01T06:30:00Z', '2026-11-01T06:45:00Z');
    session(room, '2026-11-02T04:30:00Z', '2026-11-02T04:40:00Z');
    const report = buildUsageReport(db, { from: '2026-11-01', to: '2026-11-01', timeZone: NY, now: NOW * 2 });
    const heatMap = emptyHeatMap();
    heatMap[0]![1] = 3;
    heatMap[0]![23] = 1;
    expect(report.heatMap).toEqual(heatMap);
    expect(report.sessionsPerDay).toEqual([{ date: '2026-11-01', sessions: 4 }]);
    expect(report.rangeEnd - report.rangeStart).toBe(25 * 3_600_000);
    expect(report.duration).toEqual({ totalSeconds: 55 * MIN, meanSeconds: 13.75 * MIN, medianSeconds: 12.5 * MIN });
    expect(report.rooms[0]!.utilization).toBeCloseTo(55 / (25 * 60), 12);
  });

  dbTest('lists every day with zeros, and has no averages when nothing ended', ({ db }) => {
    addRoom(db, 'Room A');
    const report = buildUsageReport(db, { from: '2026-02-27', to: '2026-03-02', timeZone: 'UTC', now: NOW });
    expect(report.sessionsPerDay.map((day) => day.date)).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(report.sessionsPerDay.every((day) => day.sessions === 0)).toBe(true);
    expect(report).toMatchObject({
      sessions: 0,
      duration: { totalSeconds: 0, meanSeconds: null, medianSeconds: null },
      autoClosedShare: null,
      guides: [],
      rooms: [{ name: 'Room A', utilization: 0 }],
    });
  });

  dbTest('counts only the hours that have passed when the range reaches into the future', ({ db }) => {
    const session = sessionsStartedBy(db, addStaffMember(db, '101'));
    const room = addRoom(db, 'Room A');
    session(room, '2026-05-01T06:00:00Z', '2026-05-01T09:00:00Z');
    const now = Date.parse('2026-05-01T12:00:00Z');
    const report = buildUsageReport(db, { from: '2026-05-01', to: '2026-05-02', timeZone: 'UTC', now });
    expect(report.rooms[0]!.utilization).toBe(0.25);
    const future = buildUsageReport(db, { from: '2026-06-01', to: '2026-06-01', timeZone: 'UTC', now });
    expect(future.rooms[0]!.utilization).toBeNull();
  });

  dbTest('refuses an unknown room and a start after the end', ({ db }) => {
    expect(() =>
      buildUsageReport(db, { from: '2026-03-01', to: '2026-03-02', roomId: 9, timeZone: NY, now: NOW }),
    ).toThrow(/no room 9/);
    expect(() => buildUsageReport(db, { from: '2026-03-03', to: '2026-03-02', timeZone: NY, now: NOW })).toThrow(
      /after the end date/,
    );
  });
});
