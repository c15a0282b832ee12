import {
  END_REASONS,
  LANGUAGES,
  SESSION_KINDS,
  type EndReason,
  type Language,
  type SessionKind,
  type UsageReport,
} from '../../../shared/domain';
import type { KioskDatabase } from '../db/open-database';
import { KioskError } from '../errors';
import {
  countEvents,
  countEventsByKey,
  countSessionsInBuckets,
  medianDurationMs,
  overlapLookback,
  roomExists,
  roomsForReport,
  roomUse,
} from '../repositories/report-queries';
import { MAX_REPORT_DAYS } from '../../../shared/input-limits';
import { helpCallFigures } from './help-call-figures';
import { localRange, type LocalDay } from './local-days';
import { totalsForRange } from './session-totals';

const HOUR = 3_600_000;

export interface UsageReportRequest {
  from: string;
  to: string;
  roomId?: number | null;
  timeZone: string;
  now: number;
}

const seconds = (ms: number) => Math.round(ms / 1000);

/**
 * The local clock hours of each day as UTC buckets. A spring-forward day has an empty 02:00 bucket; a fall-back
 * day's 01:00 bucket holds both 01:00 hours, so the heat map follows the clock on the wall.
 */
function hourBuckets(days: readonly LocalDay[], firstInstantAtWall: (wall: number) => number): [number, number][] {
  const buckets: [number, number][] = [];
  for (const day of days) {
    const label = Date.parse(`${day.date}T00:00:00Z`);
    let start = day.start;
    for (let hour = 1; hour <= 24; hour++) {
      const end = hour === 24 ? day.end : Math.min(Math.max(firstInstantAtWall(label + hour * HOUR), start), day.end);
      buckets.push([start, end]);
      start = end;
    }
  }
  return buckets;
}

function byCount<K extends string>(rows: { key: string; count: number }[], name: K) {
  return rows
    .filter((row) => row.count > 0)
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .map((row) => ({ [name]: row.key, count: row.count }) as Record<K, string> & { count: number });
}

/** Builds a staff report (see UsageReport). Read-only; every aggregate comes from SQL over indexes. */
export function buildUsageReport(db: KioskDatabase, request: UsageReportRequest): UsageReport {
  const roomId = request.roomId ?? null;
  if (roomId !== null && !roomExists(db, roomId)) throw new KioskError('not-found', `There is no room ${roomId}.`);
  const range = localRange(request.timeZone, request.from, request.to, MAX_REPORT_DAYS);
  const { start, end } = range;
  const lookback = overlapLookback(db, start);
  const bounds = { start, end, lookback };

  return db
    .transaction(() => {
      const totals = totalsForRange(db, start, end, roomId);
      const median = medianDurationMs(db, start, end, roomId, totals.ended);

      const hourly = countSessionsInBuckets(
        db,
        hourBuckets(range.days, (wall) => range.zone.firstInstantAtWall(wall)),
        roomId,
      );
      const heatMap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
      const sessionsPerDay = range.days.map((day, dayIndex) => {
        let sessions = 0;
        for (let hour = 0; hour < 24; hour++) {
          const count = hourly[dayIndex * 24 + hour]!;
          sessions += count;
          heatMap[day.weekday]![hour]! += count;
        }
        return { date: day.date, sessions };
      });

      const openSoFar = Math.min(end, request.now) - start;
      const rooms = roomsForReport(db, lookback, end, roomId).map((room) => {
        const use = roomUse(db, room.id, { ...bounds, now: request.now });
        return {
          roomId: room.id,
          name: room.name,
          active: room.active,
          sessions: use.sessions,
          occupiedSeconds: seconds(use.occupiedMs),
          utilization: openSoFar > 0 ? Math.min(1, use.occupiedMs / openSoFar) : null,
        };
      });

      const kinds = Object.fromEntries(SESSION_KINDS.map((kind, index) => [kind, totals.kinds[index]!])) as Record<
        SessionKind,
        number
      >;
      const endReasons = Object.fromEntries(
        END_REASONS.map((reason, index) => [reason, totals.endReasons[index]!]),
      ) as Record<EndReason, number>;
      const languages = Object.fromEntries(
        LANGUAGES.map((language, index) => [language, totals.languages[index]!]),
      ) as Record<Language, number>;

      return {
        from: range.from,
        to: range.to,
        timeZone: range.timeZone,
        roomId,
        rangeStart: start,
        rangeEnd: end,
        generatedAt: request.now,
        sessions: totals.sessions,
        endedSessions: totals.ended,
        duration: {
          totalSeconds: seconds(totals.durationMs),
          meanSeconds: totals.ended > 0 ? seconds(totals.durationMs / totals.ended) : null,
          medianSeconds: median === null ? null : seconds(median),
        },
        sessionsPerDay,
        heatMap,
        rooms,
        kinds,
        endReasons,
        autoClosedShare: totals.ended > 0 ? endReasons['auto-closed'] / totals.ended : null,
        languages,
        helpRequests: countEvents(db, 'help-requested', bounds, roomId),
        helpCalls: helpCallFigures(db, start, end, roomId),
        guides: byCount(countEventsByKey(db, 'guide', bounds, roomId), 'guide').map(({ guide, count }) => ({
          guide,
          views: count,
        })),
        timerPresets: byCount(countEventsByKey(db, 'preset', bounds, roomId), 'preset').map(({ preset, count }) => ({
          preset,
          starts: count,
        })),
      } satisfies UsageReport;
    })
    .deferred();
}
