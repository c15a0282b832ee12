import type { KioskDatabase } from '../db/open-database';
import { expect } from 'vitest';
import { addRoom, addSession, addStaffMember, sessionsStartedBy } from '../testing/report-fixture';
import { countEventsByKey, medianDurationMs, overlapLookback } from './report-queries';
import { dbTest } from '../testing/temp-database';

function sessionsLasting(db: KioskDatabase, minutes: number[], room = addRoom(db, 'Room 1')) {
  const session = sessionsStartedBy(db, addStaffMember(db, String(100 + minutes.length)));
  minutes.forEach((length, index) => {
    const start = Date.UTC(2026, 0, 1) + index * 3_600_000;
    session(room, new Date(start).toISOString(), new Date(start + length * 60_000).toISOString());
  });
  return room;
}

dbTest('finds the same median by sorting here and through the duration index, odd and even counts', ({ db }) => {
  sessionsLasting(db, [30, 10, 50, 20, 40]);
  const range = [Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 2)] as const;
  for (const smallLimit of [0, 1_000]) {
    expect(medianDurationMs(db, ...range, null, 5, smallLimit)).toBe(30 * 60_000);
  }
  // The first four (30, 10, 50, 20): the mean of 20 and 30.
  const four = [Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 1, 3, 30)] as const;
  for (const smallLimit of [0, 1_000]) {
    expect(medianDurationMs(db, ...four, null, 4, smallLimit)).toBe(25 * 60_000);
  }
  expect(medianDurationMs(db, ...range, null, 0)).toBeNull();
});

dbTest('looks back as far as the longest session, or the oldest open one', ({ db }) => {
  const room = sessionsLasting(db, [30, 200]);
  const start = Date.UTC(2026, 5, 1);
  expect(overlapLookback(db, start)).toBe(start - 200 * 60_000);
  addSession(db, { roomId: room, startedBy: 1, start: '2025-12-01T00:00:00Z' });
  expect(overlapLookback(db, start)).toBe(Date.parse('2025-12-01T00:00:00Z'));
});

dbTest('counts events by guide with the skip-scan, ignoring events without the field', ({ db }) => {
  const session = sessionsStartedBy(db, addStaffMember(db, '1'));
  const room = addRoom(db, 'Room 1');
  session(room, '2026-01-01T10:00:00Z', '2026-01-01T11:00:00Z', {
    events: ['b', 'a', 'b', 'c', 'b']
      .map((guide, index) => ({
        at: `2026-01-01T10:0${index}:00Z`,
        type: 'guide-viewed',
        detail: { guide },
      }))
      .concat([{ at: '2026-01-01T10:09:00Z', type: 'guide-viewed', detail: { other: 'x' } as never }]),
  });
  const range = { start: Date.parse('2026-01-01T10:01:00Z'), end: Date.parse('2026-01-01T10:04:00Z'), lookback: 0 };
  expect(countEventsByKey(db, 'guide', range, null)).toEqual([
    { key: 'a', count: 1 },
    { key: 'b', count: 1 },
    { key: 'c', count: 1 },
  ]);
  expect(countEventsByKey(db, 'guide', range, room).sort((x, y) => x.key.localeCompare(y.key))).toEqual([
    { key: 'a', count: 1 },
    { key: 'b', count: 1 },
    { key: 'c', count: 1 },
  ]);
});
