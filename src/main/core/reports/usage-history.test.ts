import { describe, expect } from 'vitest';
import type { KioskDatabase } from '../db/open-database';
import { sessionTotals } from '../repositories/report-queries';
import { addRoom, addSession, addStaffMember } from '../testing/report-fixture';
import { dbTest } from '../testing/temp-database';
import { localRange } from './local-days';
import { buildUsageHistory } from './usage-history';

const MADRID = 'Europe/Madrid';
const NOW = Date.parse('2026-06-15T10:00:00Z');

/** A history over three years in Madrid, with sessions on both sides of two local New Year's midnights. */
function writeHistory(db: KioskDatabase) {
  const staff = addStaffMember(db, '1');
  const one = addRoom(db, 'Room 1');
  const two = addRoom(db, 'Room 2');
  const add = (roomId: number, start: string, minutes: number | null) =>
    addSession(db, {
      roomId,
      startedBy: staff,
      start,
      end: minutes === null ? undefined : new Date(Date.parse(start) + minutes * 60_000).toISOString(),
    });
  add(one, '2023-12-31T22:30:00Z', 20); // 23:30 on 31 December in Madrid: 2023
  add(two, '2023-12-31T23:10:00Z', 40); // 00:10 on 1 January in Madrid: 2024
  add(one, '2024-07-01T08:00:00Z', 30);
  add(one, '2025-12-31T23:30:00Z', 10); // 2026 in Madrid, 2025 in UTC
  add(two, '2026-03-29T00:30:00Z', 50); // the night the clocks go forward
  add(one, '2026-06-15T09:00:00Z', null); // still open
  return { one, two };
}

describe('the usage history, year by year', () => {
  dbTest('counts each local year, lists a year without sessions, and adds up to the whole history', ({ db }) => {
    writeHistory(db);
    const history = buildUsageHistory(db, { timeZone: MADRID, now: NOW });
    expect(history.years).toEqual([
      { year: 2023, sessions: 1, endedSessions: 1, totalSeconds: 1200, meanSeconds: 1200 },
      { year: 2024, sessions: 2, endedSessions: 2, totalSeconds: 4200, meanSeconds: 2100 },
      { year: 2025, sessions: 0, endedSessions: 0, totalSeconds: 0, meanSeconds: null },
      { year: 2026, sessions: 3, endedSessions: 2, totalSeconds: 3600, meanSeconds: 1800 },
    ]);
    expect(history.allYears).toEqual({ sessions: 6, endedSessions: 5, totalSeconds: 9000, meanSeconds: 1800 });
    expect(history).toMatchObject({ timeZone: MADRID, roomId: null, generatedAt: NOW });
  });

  dbTest('follows the kiosk time zone: in UTC the New Year sessions fall in the other year', ({ db }) => {
    writeHistory(db);
    const years = buildUsageHistory(db, { timeZone: 'UTC', now: NOW }).years.map((year) => [year.year, year.sessions]);
    expect(years).toEqual([
      [2023, 2],
      [2024, 1],
      [2025, 1],
      [2026, 2],
    ]);
  });

  dbTest('for one room, counts only that room', ({ db }) => {
    const { two } = writeHistory(db);
    const history = buildUsageHistory(db, { roomId: two, timeZone: MADRID, now: NOW });
    expect(history.years.map((year) => [year.year, year.sessions])).toEqual([
      [2024, 1],
      [2025, 0],
      [2026, 1],
    ]);
    expect(history.allYears).toEqual({ sessions: 2, endedSessions: 2, totalSeconds: 5400, meanSeconds: 2700 });
  });

  dbTest('each year equals a scan of its sessions', ({ db }) => {
    const { one } = writeHistory(db);
    for (const roomId of [null, one]) {
      for (const year of buildUsageHistory(db, { roomId, timeZone: MADRID, now: NOW }).years) {
        const range = localRange(MADRID, `${year.year}-01-01`, `${year.year}-12-31`);
        const scan = sessionTotals(db, range.start, range.end, roomId);
        expect([year.sessions, year.endedSessions, year.totalSeconds]).toEqual([
          scan.sessions,
          scan.ended,
          scan.durationMs / 1000,
        ]);
      }
    }
  });

  dbTest('runs to the last session when the clock was once set ahead', ({ db }) => {
    writeHistory(db);
    const staff = addStaffMember(db, '2');
    addSession(db, {
      roomId: addRoom(db, 'Room 3'),
      startedBy: staff,
      start: '2028-02-01T10:00:00Z',
      end: '2028-02-01T10:30:00Z',
    });
    const years = buildUsageHistory(db, { timeZone: MADRID, now: NOW }).years;
    expect(years.map((year) => year.year)).toEqual([2023, 2024, 2025, 2026, 2027, 2028]);
    expect(years.at(-1)?.sessions).toBe(1);
  });

  dbTest('with no sessions, lists no year and counts zero', ({ db }) => {
    const history = buildUsageHistory(db, { timeZone: MADRID, now: NOW });
    expect(history.years).toEqual([]);
    expect(history.allYears).toEqual({ sessions: 0, endedSessions: 0, totalSeconds: 0, meanSeconds: null });
  });

  dbTest('refuses a room that does not exist', ({ db }) => {
    writeHistory(db);
    expect(() => buildUsageHistory(db, { roomId: 999, timeZone: MADRID, now: NOW })).toThrow(/no room 999/);
  });
});
