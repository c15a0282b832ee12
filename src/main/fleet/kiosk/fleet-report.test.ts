import { createServer } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock, toWholeMs, type Clock } from '../../core/clock';
import type { KioskDatabase } from '../../core/db/open-database';
import { migrateCentral } from '../central/central-migrate';
import { openCentral } from '../central/connection-settings';
import { createFleetTestDatabase, type FleetTestDatabase } from '../testing/fleet-test-database';
import { startNetworkCutProxy } from '../testing/network-cut-proxy';
import { createTestKiosk, enrolKiosk, type TestKiosk } from '../testing/test-kiosk';
import { readCredentials, writeCredentials } from './fleet-credentials';
import { createDelivery } from './fleet-delivery';
import { joinFleet } from './fleet-membership';
import { answerFleetReport, FleetReportError, readFleetReport } from './fleet-report';

let fleet: FleetTestDatabase;
const kiosks: TestKiosk[] = [];
const quiet = { error: () => undefined, warn: () => undefined, info: () => undefined };

/** A clock that moves `stepMs` at each reading, so a kiosk's visits spread over several UTC days. */
function steppingClock(startMs: number, stepMs: number): Clock {
  let time = startMs;
  return { now: () => toWholeMs((time += stepMs)), monotonic: () => toWholeMs(time) };
}

async function joinedKiosk(name: string, unit: string | null, clock: Clock, visits: number) {
  const kiosk = createTestKiosk({ clock });
  kiosks.push(kiosk);
  kiosk.writeVisits(visits, { open: true });
  const { kioskId, enrolment } = await enrolKiosk(fleet.owner, name, unit);
  await joinFleet({ db: kiosk.db, dataFolder: kiosk.folder, enrolment, clock: systemClock });
  const credentials = readCredentials(kiosk.folder);
  if ('problem' in credentials) throw new Error(credentials.problem);
  const delivery = createDelivery({
    db: kiosk.db,
    connection: credentials,
    kioskId,
    server: 'test',
    clock: systemClock,
    logger: quiet,
  });
  try {
    while ((await delivery.deliverBatch()).entries > 0);
  } finally {
    await delivery.close();
  }
  return kiosk;
}

/** What the kiosks themselves hold, per UTC day of each session's start: the figures the centre must add up to. */
function heldPerDay(dbs: KioskDatabase[]) {
  const days = new Map<string, { sessions: number; ended: number; durationMs: number }>();
  for (const db of dbs) {
    const rows = db
      .prepare(
        `SELECT date(started_at / 1000, 'unixepoch') AS day, count(*) AS sessions, count(ended_at) AS ended,
           coalesce(sum(ended_at - started_at), 0) AS durationMs
         FROM sessions GROUP BY day`,
      )
      .all() as { day: string; sessions: number; ended: number; durationMs: number }[];
    for (const row of rows) {
      const day = days.get(row.day) ?? { sessions: 0, ended: 0, durationMs: 0 };
      days.set(row.day, {
        sessions: day.sessions + row.sessions,
        ended: day.ended + row.ended,
        durationMs: day.durationMs + row.durationMs,
      });
    }
  }
  return days;
}

let maternityA: TestKiosk;
let maternityB: TestKiosk;
let surgery: TestKiosk;

beforeAll(async () => {
  fleet = await createFleetTestDatabase();
  const sql = openCentral(fleet.owner);
  await migrateCentral(sql);
  await sql.end();
  // Each reading moves a kiosk's clock by hours: its visits start on different UTC days, some shared with the others.
  maternityA = await joinedKiosk('4 West', 'Maternity', steppingClock(Date.UTC(2026, 2, 1), 3 * 3_600_000), 6);
  maternityB = await joinedKiosk('4 East', 'Maternity', steppingClock(Date.UTC(2026, 2, 2), 5 * 3_600_000), 5);
  surgery = await joinedKiosk('Surgery 2', 'Surgery', steppingClock(Date.UTC(2026, 2, 1), 7 * 3_600_000), 4);
}, 60_000);
afterAll(async () => {
  for (const kiosk of kiosks.splice(0)) kiosk.close();
  await fleet.drop();
});

function expectFigures(
  report: Awaited<ReturnType<typeof readFleetReport>>,
  held: ReturnType<typeof heldPerDay>,
  range: { from: string; to: string },
) {
  const inRange = [...held].filter(([day]) => day >= range.from && day <= range.to);
  const sessions = inRange.reduce((sum, [, day]) => sum + day.sessions, 0);
  const ended = inRange.reduce((sum, [, day]) => sum + day.ended, 0);
  const durationMs = inRange.reduce((sum, [, day]) => sum + day.durationMs, 0);
  expect(sessions).toBeGreaterThan(0);
  expect(report.sessions).toBe(sessions);
  expect(report.endedSessions).toBe(ended);
  expect(report.totalDurationMs).toBe(durationMs);
  expect(report.meanDurationMs).toBe(Math.round(durationMs / ended));
  expect(report.sessionsPerDay.map((day) => day.sessions)).toEqual(
    report.sessionsPerDay.map((day) => held.get(day.date)?.sessions ?? 0),
  );
}

it('adds up the unit and the hospital from what their kiosks delivered, per UTC day', async () => {
  const range = { from: '2026-02-27', to: '2026-03-20' };
  const unit = await readFleetReport({ db: maternityA.db, dataFolder: maternityA.folder, scope: 'unit', ...range });
  expect(unit.unit).toBe('Maternity');
  expectFigures(unit, heldPerDay([maternityA.db, maternityB.db]), range);
  expect(unit.mostKiosksInADay).toBe(2);
  expect(unit.sessionsPerDay[0]).toEqual({ date: '2026-02-27', sessions: 0 });
  expect(unit.sessionsPerDay).toHaveLength(22);

  const otherUnit = await readFleetReport({ db: surgery.db, dataFolder: surgery.folder, scope: 'unit', ...range });
  expect(otherUnit.unit).toBe('Surgery');
  expectFigures(otherUnit, heldPerDay([surgery.db]), range);

  const hospital = await readFleetReport({ db: surgery.db, dataFolder: surgery.folder, scope: 'hospital', ...range });
  expect(hospital.unit).toBeNull();
  expectFigures(hospital, heldPerDay([maternityA.db, maternityB.db, surgery.db]), range);
  expect(hospital.mostKiosksInADay).toBe(3);
});

it('counts only the days of the range', async () => {
  const range = { from: '2026-03-02', to: '2026-03-02' };
  const hospital = await readFleetReport({
    db: maternityB.db,
    dataFolder: maternityB.folder,
    scope: 'hospital',
    ...range,
  });
  expectFigures(hospital, heldPerDay([maternityA.db, maternityB.db, surgery.db]), range);
  expect(hospital.sessionsPerDay).toHaveLength(1);
});

it('says a kiosk that joined no fleet is not in a fleet', async () => {
  const alone = createTestKiosk();
  kiosks.push(alone);
  const request = {
    db: alone.db,
    dataFolder: alone.folder,
    scope: 'hospital' as const,
    from: '2026-03-01',
    to: '2026-03-31',
  };
  await expect(readFleetReport(request)).rejects.toThrow(
    new FleetReportError('not-in-fleet', 'This kiosk does not belong to a fleet.'),
  );
  expect(await answerFleetReport(request)).toEqual({ status: 'not-in-fleet' });
});

it('says a kiosk without a unit has none, and still reads the hospital', async () => {
  const kiosk = await joinedKiosk('Lobby', null, steppingClock(Date.UTC(2026, 2, 5), 3_600_000), 1);
  const range = { from: '2026-03-01', to: '2026-03-31' };
  expect(await answerFleetReport({ db: kiosk.db, dataFolder: kiosk.folder, scope: 'unit', ...range })).toEqual({
    status: 'no-unit',
  });
  const hospital = await answerFleetReport({ db: kiosk.db, dataFolder: kiosk.folder, scope: 'hospital', ...range });
  expect(hospital.status).toBe('ready');
});

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The kiosk's stored credentials pointed at another port, as if the centre had moved or the network were down. */
function pointAt(kiosk: TestKiosk, port: number) {
  const credentials = readCredentials(kiosk.folder);
  if ('problem' in credentials) throw new Error(credentials.problem);
  writeCredentials(kiosk.folder, { ...credentials, port });
  return () => writeCredentials(kiosk.folder, credentials);
}

it('fails fast with a typed error when the hospital database cannot be reached', async () => {
  const restore = pointAt(maternityA, await closedPort());
  try {
    const started = performance.now();
    const failure = await readFleetReport({
      db: maternityA.db,
      dataFolder: maternityA.folder,
      scope: 'unit',
      from: '2026-03-01',
      to: '2026-03-31',
    }).catch((error: unknown) => error);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(failure).toBeInstanceOf(FleetReportError);
    expect((failure as FleetReportError).reason).toBe('unreachable');
    expect((failure as FleetReportError).message).toMatch(
      /^The hospital database cannot be reached now; this kiosk's own report still works\./,
    );
  } finally {
    restore();
  }
});

it('gives up within its timeouts when the network stalls without a word', async () => {
  const credentials = readCredentials(surgery.folder);
  if ('problem' in credentials) throw new Error(credentials.problem);
  const proxy = await startNetworkCutProxy({ host: credentials.host, port: credentials.port });
  const restore = pointAt(surgery, proxy.port);
  const request = {
    db: surgery.db,
    dataFolder: surgery.folder,
    scope: 'hospital' as const,
    from: '2026-03-01',
    to: '2026-03-31',
  };
  try {
    // Through the proxy it works; then nothing answers, neither a new connection nor a statement.
    expect((await answerFleetReport(request)).status).toBe('ready');
    proxy.stall();
    const started = performance.now();
    expect(await answerFleetReport({ ...request, connectTimeoutSeconds: 1, queryTimeoutMs: 1_000 })).toEqual({
      status: 'unreachable',
    });
    expect(performance.now() - started).toBeLessThan(3_000);
  } finally {
    restore();
    await proxy.close();
  }
});

it('says refused when the credentials no longer log in', async () => {
  const credentials = readCredentials(maternityB.folder);
  if ('problem' in credentials) throw new Error(credentials.problem);
  writeCredentials(maternityB.folder, { ...credentials, password: 'not-the-password' });
  try {
    expect(
      await answerFleetReport({
        db: maternityB.db,
        dataFolder: maternityB.folder,
        scope: 'hospital',
        from: '2026-03-01',
        to: '2026-03-31',
      }),
    ).toEqual({ status: 'refused' });
  } finally {
    writeCredentials(maternityB.folder, credentials);
  }
});
