import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../main/core/db/open-database';
import { buildUsageReport } from '../main/core/reports/usage-report';
import { insertFleetLink } from '../main/core/repositories/fleet-outbox-repository';
import { loadSettings } from '../main/core/services/settings-service';
import { makeTempFolder } from '../main/core/testing/temp-folder';
import { commandStreams } from '../main/core/testing/command-streams';
import { runSeedCommand } from './seed-command';

let folder: ReturnType<typeof makeTempFolder>;
beforeEach(() => (folder = makeTempFolder()));
afterEach(() => folder.cleanup());

async function run(argv: string[]) {
  const { stdout, stderr, output } = commandStreams();
  const code = await runSeedCommand(argv, { stdout, stderr, env: {}, now: () => Date.UTC(2026, 5, 30, 12) });
  return { code, ...output };
}

function history(dataFolder: string) {
  const db = openDatabase(`${dataFolder}/kiosk.db`);
  try {
    return {
      sessions: db
        .prepare('SELECT uuid, room_id, kind, language, started_at, ended_at, end_reason FROM sessions ORDER BY id')
        .all(),
      events: db.prepare('SELECT session_id, at, type, detail FROM session_events ORDER BY id').all(),
    };
  } finally {
    db.close();
  }
}

describe('seed command', () => {
  it('writes the same history for the same seed, and a different one for another seed', async () => {
    const args = [
      '--sessions',
      '400',
      '--rooms',
      '3',
      '--days',
      '30',
      '--until',
      '2026-06-30',
      '--time-zone',
      'America/New_York',
    ];
    const first = await run(['--data-dir', `${folder.path}/a`, ...args, '--seed', '9']);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      /^Wrote 400 sessions and \d+ events in 3 rooms, 2026-06-01 to 2026-06-30 \(America\/New_York, seed 9\)/,
    );
    await run(['--data-dir', `${folder.path}/b`, ...args, '--seed', '9']);
    await run(['--data-dir', `${folder.path}/c`, ...args, '--seed', '10']);
    const [a, b, c] = ['a', 'b', 'c'].map((name) => history(`${folder.path}/${name}`));
    expect(a!.sessions).toHaveLength(400);
    expect(b).toEqual(a);
    expect(c!.sessions).not.toEqual(a!.sessions);
  });

  it('writes realistic history: durations near 22 minutes, ~5 % auto-closed, busy days, never two at once in a room', async () => {
    expect(
      (
        await run([
          '--data-dir',
          folder.path,
          '--sessions',
          '6000',
          '--rooms',
          '4',
          '--days',
          '120',
          '--until',
          '2026-06-30',
          '--time-zone',
          'UTC',
        ])
      ).code,
    ).toBe(0);
    const db = openDatabase(`${folder.path}/kiosk.db`);
    try {
      const stats = db
        .prepare(
          `SELECT avg(CASE WHEN end_reason <> 'auto-closed' THEN ended_at - started_at END) / 60000.0 AS meanMinutes,
                  avg(end_reason = 'auto-closed') AS autoClosed, min(started_at) AS first, max(ended_at) AS last
           FROM sessions`,
        )
        .get() as { meanMinutes: number; autoClosed: number; first: number; last: number };
      expect(stats.meanMinutes).toBeGreaterThan(19);
      expect(stats.meanMinutes).toBeLessThan(25);
      expect(stats.autoClosed).toBeGreaterThan(0.03);
      expect(stats.autoClosed).toBeLessThan(0.07);
      expect(stats.first).toBeGreaterThanOrEqual(Date.UTC(2026, 2, 3));
      expect(stats.last).toBeLessThanOrEqual(Date.UTC(2026, 6, 1));
      const overlaps = db
        .prepare(
          `SELECT count(*) FROM sessions a JOIN sessions b ON a.room_id = b.room_id AND a.id < b.id
           WHERE a.started_at < b.ended_at AND b.started_at < a.ended_at`,
        )
        .pluck()
        .get();
      expect(overlaps).toBe(0);
      const report = buildUsageReport(db, {
        from: '2026-03-03',
        to: '2026-06-30',
        timeZone: 'UTC',
        now: Date.UTC(2026, 6, 1),
      });
      expect(report.sessions).toBe(6000);
      const byHour = report.heatMap.reduce(
        (sum, day) => sum.map((value, hour) => value + day[hour]!),
        new Array(24).fill(0),
      );
      // The morning peak is far busier than the small hours.
      expect(byHour[9]).toBeGreaterThan(2.5 * byHour[2]);
      expect(report.helpRequests).toBeGreaterThan(0);
      expect(report.guides[0]!.guide).toBe('cradle');
      expect(report.timerPresets.length).toBeGreaterThan(3);
    } finally {
      db.close();
    }
  });

  it('leaves the per-day totals and each session’s event counts exactly as a scan of what it wrote', async () => {
    const args = ['--sessions', '900', '--rooms', '3', '--days', '40', '--until', '2026-04-30'];
    expect((await run(['--data-dir', folder.path, ...args, '--time-zone', 'Australia/Lord_Howe'])).code).toBe(0);
    const db = openDatabase(`${folder.path}/kiosk.db`);
    try {
      const all = (sql: string) => db.prepare(sql).all();
      const scan = `count(*) AS ended, sum(ended_at - started_at) AS duration_ms,
        sum(kind = 'pumping') AS kind_pumping, sum(kind = 'breastfeeding') AS kind_breastfeeding,
        sum(kind = 'hand-expression') AS kind_hand_expression, sum(end_reason = 'completed') AS reason_completed,
        sum(end_reason = 'staff-ended') AS reason_staff_ended, sum(end_reason = 'auto-closed') AS reason_auto_closed,
        sum(end_reason = 'recovered') AS reason_recovered, sum(language = 'en') AS language_en,
        sum(language = 'es') AS language_es`;
      const days = all('SELECT * FROM session_days ORDER BY day');
      expect(days.length).toBeGreaterThan(38);
      expect(days).toEqual(
        all(`SELECT started_at / 86400000 AS day, ${scan} FROM sessions WHERE ended_at IS NOT NULL GROUP BY 1`),
      );
      expect(all('SELECT * FROM session_room_days ORDER BY room_id, day')).toEqual(
        all(
          `SELECT room_id, started_at / 86400000 AS day, ${scan} FROM sessions WHERE ended_at IS NOT NULL
           GROUP BY 1, 2`,
        ),
      );
      const summaries = all(
        'SELECT id, guides_viewed, slides_viewed, timers_started, help_requests FROM sessions ORDER BY id',
      );
      expect(summaries).toEqual(
        all(`SELECT s.id, count(e.type = 'guide-viewed' OR NULL) AS guides_viewed,
               count(e.type = 'slide-viewed' OR NULL) AS slides_viewed,
               count(e.type = 'timer-started' OR NULL) AS timers_started,
               count(e.type = 'help-requested' OR NULL) AS help_requests
             FROM sessions s LEFT JOIN session_events e ON e.session_id = s.id GROUP BY s.id ORDER BY s.id`),
      );
      expect(summaries.some((row) => (row as { help_requests: number }).help_requests > 0)).toBe(true);
      expect(all('SELECT * FROM bulk_load')).toEqual([]);
      // Every trigger is back: the rollups', the summaries' and the fleet outbox's, as in a new database.
      const triggers = "SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name";
      const fresh = openDatabase(`${folder.path}/fresh.db`);
      try {
        expect(all(triggers)).toEqual(fresh.prepare(triggers).all());
      } finally {
        fresh.close();
      }
      expect(all(triggers).length).toBeGreaterThan(6);
    } finally {
      db.close();
    }
  });

  it('refuses a database that already has sessions, and bad usage', async () => {
    expect((await run(['--data-dir', folder.path, '--sessions', '10'])).code).toBe(0);
    expect(await run(['--data-dir', folder.path, '--sessions', '10'])).toMatchObject({
      code: 1,
      err: expect.stringMatching(/already has 10 sessions/),
    });
    for (const [argv, message] of [
      [['--data-dir', folder.path], /--sessions is required/],
      [['--data-dir', folder.path, '--sessions', '0'], /--sessions must be a whole number from 1/],
      [['--data-dir', folder.path, '--sessions', '10', '--until', '2026-02-30'], /--until must be a date/],
      [['--data-dir', folder.path, '--sessions', '10', '--time-zone', 'Mars/Olympus'], /--time-zone must be an IANA/],
      [
        ['--data-dir', `${folder.path}/x`, '--sessions', '100000', '--rooms', '1', '--days', '30'],
        /do not fit in 1 rooms over 30 days/,
      ],
      [['--sessions', '10'], /--data-dir is required/],
      [
        ['--data-dir', `${folder.path}/kiosk.db`, '--sessions', '10'],
        /^The data folder .* it is a file, not a folder\.$/m,
      ],
      [['--data-dir', `${folder.path}/no/such`, '--sessions', '10'], /^The data folder .* does not exist\.$/m],
      [['--data-dir', folder.path, '--sessions', '10', '--force'], /Unknown option --force/],
    ] as const) {
      const result = await run([...argv]);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err).toMatch(message);
    }
  });

  it('changes nothing when it refuses: a request that does not fit keeps the time zone, a kiosk in a fleet is refused', async () => {
    const db = openDatabase(`${folder.path}/kiosk.db`);
    const zone = () => loadSettings(db).timeZone;
    try {
      const before = zone();
      const tooMany = ['--sessions', '100000', '--rooms', '1', '--days', '30', '--time-zone', 'Pacific/Chatham'];
      expect(await run(['--data-dir', folder.path, ...tooMany])).toMatchObject({ code: 2 });
      expect(zone()).toBe(before);

      insertFleetLink(db, { kioskId: 'k-1', kioskName: '4 West', unit: null, server: 'db:5432/fleet', joinedAt: 0 });
      expect(
        await run(['--data-dir', folder.path, '--sessions', '10', '--time-zone', 'Pacific/Chatham']),
      ).toMatchObject({ code: 1, err: expect.stringMatching(/belongs to a fleet/) });
      expect(zone()).toBe(before);
      expect(db.prepare('SELECT count(*) FROM rooms').pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM fleet_outbox').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});
