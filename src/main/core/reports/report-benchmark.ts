/**
 * Times the dashboard queries on a real database (e.g. one written by `npm run seed`), not in a timed test:
 *   npx tsx src/main/core/reports/report-benchmark.ts --data-dir DIR [--to YYYY-MM-DD] [--room ID]
 * For each range (7, 30, 366 days ending at --to) it prints the best of 5 runs of every query and of the whole report,
 * wall and CPU milliseconds. The budget (docs/ARCHITECTURE.md): any dashboard query ≤ 200 ms over a million sessions.
 */
import { databasePath, readFlag } from '../data-folder';
import { openDatabase, type KioskDatabase } from '../db/open-database';
import {
  countEvents,
  countEventsByKey,
  countSessionsInBuckets,
  medianDurationMs,
  overlapLookback,
  roomsForReport,
  roomUse,
  sessionTotals,
} from '../repositories/report-queries';
import { loadSettings } from '../services/settings-service';
import { formatCalendarDate, localRange, parseCalendarDate } from './local-days';
import { totalsForRange } from './session-totals';
import { buildUsageHistory } from './usage-history';
import { MAX_REPORT_DAYS } from '../../../shared/input-limits';
import { buildUsageReport } from './usage-report';

export interface QueryTiming {
  wall: number;
  cpu: number;
}

/** Median of `runs` timed runs after one warm-up, wall and CPU milliseconds. */
function timed(run: () => unknown, runs: number): QueryTiming {
  run();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let index = 0; index < runs; index++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    run();
    walls.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpus.push((used.user + used.system) / 1000);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { wall: median(walls), cpu: median(cpus) };
}

/**
 * Every dashboard query for one local date range, timed as the report runs them. The whole report is timed too
 * when the range fits the report's own limit (MAX_REPORT_DAYS); longer ranges time the queries alone.
 */
export function measureReportQueries(
  db: KioskDatabase,
  options: { from: string; to: string; roomId: number | null; timeZone: string; now: number; runs?: number },
): { sessionsInRange: number; timings: Record<string, QueryTiming> } {
  const { from, to, roomId, timeZone, now } = options;
  const runs = options.runs ?? 5;
  const range = localRange(timeZone, from, to, Number.MAX_SAFE_INTEGER);
  const { start, end } = range;
  const lookback = overlapLookback(db, start);
  const bounds = { start, end, lookback };
  const totals = sessionTotals(db, start, end, roomId);
  const buckets = range.days.flatMap((day) =>
    Array.from(
      { length: 24 },
      (_, hour) => [day.start + hour * 3_600_000, day.start + (hour + 1) * 3_600_000] as [number, number],
    ),
  );
  const rooms = roomsForReport(db, lookback, end, roomId);
  const timings: Record<string, QueryTiming> = {
    // What the report runs: whole days from the per-day rollups, only the range's ragged ends from the sessions.
    'totals (count, duration, kinds, end reasons, languages)': timed(
      () => totalsForRange(db, start, end, roomId),
      runs,
    ),
    // The same totals by a scan of the sessions, the anchor the rollups are measured against.
    'totals by a scan of the sessions': timed(() => sessionTotals(db, start, end, roomId), runs),
    median: timed(() => medianDurationMs(db, start, end, roomId, totals.ended), runs),
    'sessions per local hour (per day + heat map)': timed(() => countSessionsInBuckets(db, buckets, roomId), runs),
    'room use (all rooms)': timed(() => rooms.map((room) => roomUse(db, room.id, { ...bounds, now })), runs),
    'guides viewed': timed(() => countEventsByKey(db, 'guide', bounds, roomId), runs),
    'timers by preset': timed(() => countEventsByKey(db, 'preset', bounds, roomId), runs),
    'help requests': timed(() => countEvents(db, 'help-requested', bounds, roomId), runs),
  };
  if (range.days.length <= MAX_REPORT_DAYS) {
    timings['whole report'] = timed(() => buildUsageReport(db, { from, to, roomId, timeZone, now }), runs);
  } else {
    // Longer than a report may be: what the Reports tab shows for it instead, every year from the per-day totals.
    timings['year by year (every year so far)'] = timed(() => buildUsageHistory(db, { roomId, timeZone, now }), runs);
  }
  return { sessionsInRange: totals.sessions, timings };
}

/** The command line: `npx tsx src/main/core/reports/report-benchmark.ts --data-dir DIR [--to YYYY-MM-DD] [--room ID]`. */
function main(): void {
  const argv = process.argv.slice(2);
  const dataFolder = readFlag(argv, '--data-dir');
  if (!dataFolder) throw new Error('--data-dir is required');
  const db = openDatabase(databasePath(dataFolder), { readonly: true });
  const { timeZone } = loadSettings(db);
  const latestStart = db.prepare('SELECT max(started_at) FROM sessions').pluck().get() as number | null;
  const to = readFlag(argv, '--to') ?? new Date(latestStart ?? Date.now()).toISOString().slice(0, 10);
  const roomFlag = readFlag(argv, '--room');
  const roomId = roomFlag === undefined ? null : Number(roomFlag);
  const total = db.prepare('SELECT count(*) FROM sessions').pluck().get() as number;
  console.log(`${total} sessions in ${dataFolder} (${timeZone}); ranges end ${to}; room ${roomId ?? 'all'}`);
  for (const days of [7, 30, 366]) {
    const from = formatCalendarDate(parseCalendarDate(to)! - (days - 1) * 86_400_000);
    const { sessionsInRange, timings } = measureReportQueries(db, { from, to, roomId, timeZone, now: Date.now() });
    console.log(`\n${days} days (${from} … ${to}): ${sessionsInRange} sessions in range`);
    for (const [name, time] of Object.entries(timings)) {
      console.log(
        `  ${name.padEnd(56)} ${time.wall.toFixed(1).padStart(7)} ms wall ${time.cpu.toFixed(1).padStart(7)} ms cpu`,
      );
    }
  }
  db.close();
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) main();
