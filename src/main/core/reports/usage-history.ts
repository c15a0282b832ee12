import type { UsageHistory, UsageYear } from '../../../shared/domain';
import type { KioskDatabase } from '../db/open-database';
import { KioskError } from '../errors';
import { roomExists, sessionStartBounds } from '../repositories/report-queries';
import { localRange } from './local-days';
import { totalsForRange } from './session-totals';
import { offsetAt } from './zone-offsets';

export interface UsageHistoryRequest {
  roomId?: number | null;
  timeZone: string;
  now: number;
}

/** The first instant of 1 January of `year` in the zone (a one-day range: a year's would sample 365 offsets). */
const newYear = (timeZone: string, year: number) => localRange(timeZone, `${year}-01-01`, `${year}-01-01`).start;

const localYear = (timeZone: string, instant: number) =>
  new Date(instant + offsetAt(timeZone, instant)).getUTCFullYear();

function summary(sessions: number, endedSessions: number, durationMs: number): UsageYear {
  return {
    sessions,
    endedSessions,
    totalSeconds: Math.round(durationMs / 1000),
    meanSeconds: endedSessions > 0 ? Math.round(durationMs / endedSessions / 1000) : null,
  };
}

/**
 * Sessions per local calendar year, from the first session's year to the current one (or to the last session's, when
 * the clock was once set ahead). Each year is one `totalsForRange`: the per-day totals for its whole days and the
 * sessions of its two edge days, so the cost follows the number of years, not of sessions.
 */
export function buildUsageHistory(db: KioskDatabase, request: UsageHistoryRequest): UsageHistory {
  const roomId = request.roomId ?? null;
  if (roomId !== null && !roomExists(db, roomId)) throw new KioskError('not-found', `There is no room ${roomId}.`);
  const { timeZone, now } = request;
  return db
    .transaction(() => {
      const bounds = sessionStartBounds(db, roomId);
      const years: UsageHistory['years'] = [];
      let sessions = 0;
      let ended = 0;
      let durationMs = 0;
      if (bounds !== null) {
        const lastYear = Math.max(localYear(timeZone, now), localYear(timeZone, bounds.last));
        for (let year = localYear(timeZone, bounds.first); year <= lastYear; year++) {
          const totals = totalsForRange(db, newYear(timeZone, year), newYear(timeZone, year + 1), roomId);
          years.push({ year, ...summary(totals.sessions, totals.ended, totals.durationMs) });
          sessions += totals.sessions;
          ended += totals.ended;
          durationMs += totals.durationMs;
        }
      }
      return { timeZone, roomId, generatedAt: now, years, allYears: summary(sessions, ended, durationMs) };
    })
    .deferred();
}
