/**
 * `npm run bench -- [--sessions N] [--json FILE] [--data-dir DIR] [--only durability|history|fleet|fleet-delivery|fleet-scale|help-calls]`: the kiosk against its budgets (docs/ARCHITECTURE.md) and
 * against the physical limits of this machine, every comparison measured side by side in one run. Not part of
 * `npm test`: timings on a shared machine are evidence, not assertions.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { databasePath, readFlag } from '../src/main/core/data-folder';
import { openDatabase } from '../src/main/core/db/open-database';
import { openKioskCore } from '../src/main/core/kiosk-core';
import { seedStaff } from '../src/main/core/testing/seed-staff';
import { formatCalendarDate, parseCalendarDate } from '../src/main/core/reports/local-days';
import { measureReportQueries } from '../src/main/core/reports/report-benchmark';
import { loadSettings } from '../src/main/core/services/settings-service';
import { measureBoardInteractive } from './board-interactive';
import { measureDurabilityCost } from './durability-cost';
import { measureFleetDelivery } from './fleet-delivery';
import { measureHelpCalls } from './help-calls';
import { measureFleetTotals } from './fleet-totals';
import { measureHospitalScale } from './fleet-hospital-scale';
import { compareExportWithSqlite } from './export-vs-sqlite';
import { measureDurableCommit } from './fsync-floor';
import { measureRendererSize } from './renderer-size';
import { measureSessionRoundTrip } from './session-round-trip';
import { compareStartup, measureBackgroundCheck, prepareEmptyKiosk } from './startup';
import { round } from './statistics';

const repo = resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);

/** A kiosk's delivery: a year's backlog, the lag while visits come, the worker's idle CPU, against their budgets. */
async function benchFleetDelivery(): Promise<void> {
  console.log('Measuring fleet delivery: a backlog of 50,000 visits, then the lag of 60 visits at 2 a second…');
  const delivery = await measureFleetDelivery({
    backlogSessions: 50_000,
    lagVisits: 60,
    visitsPerSecond: 2,
    idleSeconds: 10,
  });
  console.log(JSON.stringify(roundAll(delivery), null, 2));
  for (const [name, value, against] of budgetLines([
    {
      name: `backlog of ${delivery.backlogRows} rows delivered`,
      value: delivery.backlogMs / 1000,
      budget: 10,
      unit: ' s',
    },
    {
      name: `lag p95, commit to centre (${delivery.lagSamples} visits)`,
      value: delivery.lagP95Ms / 1000,
      budget: 2,
      unit: ' s',
    },
    {
      name: 'worker idle CPU (from 20 s after the backlog), % of one core',
      value: 100 * delivery.idleCpuShare,
      budget: 5,
      unit: ' %',
    },
  ]))
    console.log(`| ${name} | ${value} | ${against} |`);
  console.log(
    `(in the first 10 s after the backlog: ${round(100 * delivery.idleRightAfterBacklogShare, 1)} % of one core, ` +
      'the backlog’s aftermath: it falls to the figure above within 20 s)',
  );
}

// `--only fleet-scale`: hospital-wide totals over 10 million sessions (--sessions N to change), several minutes.
if (readFlag(argv, '--only') === 'fleet-scale') {
  const count = Number(readFlag(argv, '--sessions') ?? 10_000_000);
  console.log(`Measuring hospital-wide totals over ${count.toLocaleString('en')} sessions of 100 kiosks…`);
  const scale = await measureHospitalScale(count, (line) => console.log(line));
  console.log(JSON.stringify(roundAll(scale), null, 2));
  console.log(
    `hospital-wide totals as a kiosk reads them, three years: ${round(scale.hospitalAllMs, 1)} ms (budget 100 ms; ` +
      `first read ${round(scale.hospitalAllFirstMs, 1)} ms), one month ${round(scale.hospitalMonthMs, 1)} ms, one unit ` +
      `${round(scale.unitAllMs, 1)} ms; a scan of the same sessions ${round(scale.scanAllMs, 0)} ms = ` +
      `${round(scale.scanToRollup, 0)}×`,
  );
  process.exit(0);
}

// `--only help-calls`: a parent's call on one kiosk until another kiosk of the unit holds it, p95 over 60 calls.
if (readFlag(argv, '--only') === 'help-calls') {
  const calls = Number(readFlag(argv, '--calls') ?? 60);
  console.log(`Measuring help calls: ${calls} calls from kiosk A to kiosk B of the same unit…`);
  const result = await measureHelpCalls(calls);
  console.log(JSON.stringify(roundAll(result), null, 2));
  const screenP95 = result.seenP95Ms + result.screenPollMs;
  console.log(
    `"Call" on A until B holds it: p50 ${round(result.seenP50Ms)} ms, p95 ${round(result.seenP95Ms)} ms ` +
      `(max ${round(result.seenMaxMs)} ms); on B's screen at most ${result.screenPollMs} ms later: p95 at most ` +
      `${round(screenP95)} ms (budget 2,000 ms: ${screenP95 <= 2_000 ? 'within' : 'OVER'}); A's parent reads "told" ` +
      `p50 ${round(result.toldP50Ms)} ms, p95 ${round(result.toldP95Ms)} ms`,
  );
  process.exit(0);
}

if (readFlag(argv, '--only') === 'fleet-delivery') {
  await benchFleetDelivery();
  process.exit(0);
}

// `--only fleet` measures the fleet's hospital-wide totals on a throwaway PostgreSQL cluster, seconds to a minute,
// then a kiosk's delivery.
if (readFlag(argv, '--only') === 'fleet') {
  const count = Number(readFlag(argv, '--sessions') ?? 1_000_000);
  console.log(`Measuring fleet totals: ${count.toLocaleString('en')} sessions of 100 kiosks, rollup vs scan…`);
  const fleet = await measureFleetTotals(count);
  const { export: exported, ...totals } = fleet;
  console.log(JSON.stringify({ ...roundAll(totals), export: roundAll(exported) }, null, 2));
  console.log(
    `hospital-wide totals, whole history: rollup ${round(fleet.rollupAllMs)} ms vs scan ${round(fleet.scanAllMs)} ms ` +
      `= ${round(fleet.scanToRollup, 1)}×; one month: ${round(fleet.rollupMonthMs)} vs ${round(fleet.scanMonthMs)} ms`,
  );
  console.log(
    `export --fleet of ${exported.rows.toLocaleString('en')} sessions (${fleet.events.toLocaleString('en')} events, ` +
      `${round(exported.fileMb, 0)} MB): ${round(exported.exportMs / 1000, 1)} s vs psql \\copy of the same COPY ` +
      `${round(exported.psqlCopyMs / 1000, 1)} s, medians of ${exported.runs} = ${round(exported.exportToPsql, 2)}× ` +
      `(budget 1.2×: ${exported.exportToPsql <= 1.2 ? 'within' : 'OVER'})`,
  );
  await benchFleetDelivery();
  process.exit(0);
}

// `--only durability` runs that figure alone: no build, no seeded history, seconds instead of many minutes.
if (readFlag(argv, '--only') === 'durability') {
  console.log('Measuring durability: usage events with synchronous=FULL vs NORMAL, and commits during a backup…');
  const cost = await measureDurabilityCost();
  console.log(JSON.stringify(roundAll(cost), null, 2));
  console.log(
    `usage event commit: FULL ${round(cost.eventFullMs)} ms vs NORMAL ${round(cost.eventNormalMs)} ms = ` +
      `${round(cost.fullToNormal, 1)}×; durable commit while the hourly backup copies ${round(cost.databaseMb, 1)} MB ` +
      `(${round(cost.backupMs, 0)} ms): ${round(cost.duringToIdle, 2)}× idle`,
  );
  process.exit(0);
}

const sessions = Number(readFlag(argv, '--sessions') ?? 1_000_000);
if (!Number.isInteger(sessions) || sessions < 1000) throw new Error('--sessions must be a whole number ≥ 1000');
const jsonFile = readFlag(argv, '--json');
const dataFolder = resolve(readFlag(argv, '--data-dir') ?? join(tmpdir(), `kiosk-bench-${sessions}`));
function roundAll(values: object): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, round(value as number)]));
}
const rooms = Math.max(4, Math.ceil(sessions / 3650 / 9));
const log = (line: string) => console.log(line);

function ensureSqliteTool(): void {
  if (spawnSync('sqlite3', ['-version']).status === 0) return;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    log('Installing Debian’s sqlite3 (the export comparison needs the command-line tool)…');
    spawnSync('apt-get', ['install', '-y', '-qq', 'sqlite3'], { stdio: 'inherit' });
  }
  if (spawnSync('sqlite3', ['-version']).status !== 0)
    throw new Error('The sqlite3 command-line tool is missing: apt-get install sqlite3');
}

/** Seeds once per size; a marker file says which seed a folder holds, so later runs reuse it. */
async function prepareDatabase(): Promise<{ seedSeconds: number | null }> {
  const marker = join(dataFolder, 'bench-seed.json');
  const wanted = JSON.stringify({ sessions, rooms, days: 3650, seed: 1 });
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return { seedSeconds: null };
  rmSync(dataFolder, { recursive: true, force: true });
  log(`Seeding ${sessions.toLocaleString('en')} sessions in ${rooms} rooms over 10 years into ${dataFolder}…`);
  const started = performance.now();
  const seeded = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(repo, 'src/cli/seed.ts'),
      '--data-dir',
      dataFolder,
      '--sessions',
      String(sessions),
      '--rooms',
      String(rooms),
      '--days',
      '3650',
      '--seed',
      '1',
      '--until',
      '2026-10-31',
      '--time-zone',
      'America/New_York',
    ],
    { cwd: repo, stdio: 'inherit' },
  );
  if (seeded.status !== 0) throw new Error('seeding failed');
  // The seed writes nurses only; an admin makes it a set-up kiosk, so the room board (not first-run setup) shows.
  const core = openKioskCore({ dataFolder, backups: false, logger: { error: () => undefined } });
  await seedStaff(core.db, { staffNumber: '99999998', pin: '13571357', role: 'admin' });
  core.close();
  writeFileSync(marker, wanted);
  return { seedSeconds: (performance.now() - started) / 1000 };
}

const TOTALS_QUERY = 'totals (count, duration, kinds, end reasons, languages)';

/** Start-up against an empty kiosk (warm and cold), the check after start-up, and the whole-history reports. */
async function measureHistory() {
  log('Measuring start-up to the board against an empty kiosk, warm and cold, and the check after start-up…');
  const emptyFolder = `${dataFolder}-empty`;
  await prepareEmptyKiosk(emptyFolder, rooms);
  const warm = await compareStartup(dataFolder, emptyFolder, { runs: 7 });
  const cold = await compareStartup(dataFolder, emptyFolder, { runs: 5, cold: true });
  const check = await measureBackgroundCheck(dataFolder);
  log('Measuring reports…');
  const db = openDatabase(databasePath(dataFolder), { readonly: true });
  const { timeZone } = loadSettings(db);
  const bounds = db.prepare('SELECT min(started_at) AS first, max(started_at) AS last FROM sessions').get() as {
    first: number;
    last: number;
  };
  const to = new Date(bounds.last).toISOString().slice(0, 10);
  const last30 = formatCalendarDate(parseCalendarDate(to)! - 29 * 86_400_000);
  const firstDay = new Date(bounds.first).toISOString().slice(0, 10);
  const reports30 = measureReportQueries(db, { from: last30, to, roomId: null, timeZone, now: bounds.last });
  const reportsAll = measureReportQueries(db, { from: firstDay, to, roomId: null, timeZone, now: bounds.last });
  db.close();
  return { warm, cold, check, reports30, reportsAll, firstDay, to };
}

/** One line per budget: the figure, the budget, met or missed. */
function budgetLines(
  budgets: { name: string; value: number; budget: number; unit: string }[],
): [string, string, string][] {
  return budgets.map(({ name, value, budget, unit }) => [
    `budget: ${name}`,
    `${round(value, 2)}${unit}`,
    `≤ ${budget}${unit}: ${value <= budget ? 'met' : 'MISSED'}`,
  ]);
}

if (readFlag(argv, '--only') === 'history') {
  const { seedSeconds: seeded } = await prepareDatabase();
  const history = await measureHistory();
  const totalsMs = history.reportsAll.timings[TOTALS_QUERY]!.wall;
  const figures = {
    date: new Date().toISOString(),
    database: { sessions, rooms, sizeMb: round(statSync(databasePath(dataFolder)).size / 1e6, 1), seedSeconds: seeded },
    startup: { warm: roundAll(history.warm), cold: roundAll(history.cold), backgroundCheck: roundAll(history.check) },
    reports: {
      last30DaysMaxMs: round(Math.max(...Object.values(history.reports30.timings).map((t) => t.wall)), 1),
      wholeHistoryMs: Object.fromEntries(
        Object.entries(history.reportsAll.timings).map(([name, time]) => [name, round(time.wall, 1)]),
      ),
    },
  };
  console.log(JSON.stringify(figures, null, 2));
  for (const [name, value, against] of budgetLines([
    { name: 'start-up to the board, warm, × empty', value: history.warm.ratio, budget: 1.5, unit: '×' },
    { name: 'start-up to the board, cold, × empty', value: history.cold.ratio, budget: 1.5, unit: '×' },
    { name: 'whole-history totals', value: totalsMs, budget: 50, unit: ' ms' },
  ]))
    log(`| ${name} | ${value} | ${against} |`);
  if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify(figures, null, 2)}\n`);
  process.exit(0);
}

ensureSqliteTool();
const buildOk = spawnSync(process.execPath, [join(repo, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
  cwd: repo,
  stdio: 'ignore',
}).status;
if (buildOk !== 0) throw new Error('electron-vite build failed');

const { seedSeconds } = await prepareDatabase();
const databaseFile = databasePath(dataFolder);
const sizeMb = statSync(databaseFile).size / 1e6;

const history = await measureHistory();
const { warm: startupWarm, cold: startupCold, check: backgroundCheck, reports30, reportsAll, firstDay, to } = history;

log('Measuring the CSV export against the sqlite3 tool, and the XLSX export (alternating runs)…');
const exportRun = await compareExportWithSqlite(databaseFile, { what: 'sessions', from: firstDay, to });

log('Measuring the durable-commit floor and the session round trip (1,000 repetitions)…');
const floor = measureDurableCommit();
const roundTrip = await measureSessionRoundTrip(dataFolder, 1000);
log('Measuring durability: usage events with synchronous=FULL vs NORMAL, and commits during a backup…');
const durability = await measureDurabilityCost();

log('Measuring the renderer…');
const rendererDir = join(repo, 'out/renderer');
const size = measureRendererSize(rendererDir);
const board = await measureBoardInteractive(dataFolder, rendererDir, 10);

const maxOf = (timings: Record<string, { wall: number }>) => Math.max(...Object.values(timings).map((t) => t.wall));
const figures = {
  date: new Date().toISOString(),
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  database: {
    sessions,
    rooms,
    sizeMb: round(sizeMb, 1),
    seedSeconds: seedSeconds === null ? null : round(seedSeconds, 1),
  },
  startup: {
    warm: roundAll(startupWarm),
    cold: roundAll(startupCold),
    backgroundCheck: roundAll(backgroundCheck),
  },
  roundTrip: {
    medianMs: round(roundTrip.medianMs),
    p99Ms: round(roundTrip.p99Ms),
    durableCommitFloorMs: round(floor.medianMs),
    commitsFloorMs: round(2 * floor.medianMs),
  },
  durability: roundAll(durability),
  reports: {
    last30Days: {
      sessions: reports30.sessionsInRange,
      maxQueryMs: round(maxOf(reports30.timings), 1),
      queriesMs: wallOf(reports30.timings),
    },
    wholeHistory: {
      sessions: reportsAll.sessionsInRange,
      maxQueryMs: round(maxOf(reportsAll.timings), 1),
      queriesMs: wallOf(reportsAll.timings),
    },
  },
  export: {
    rows: exportRun.rows,
    oursMs: round(exportRun.ours.wallMs, 0),
    sqlite3Ms: round(exportRun.sqlite3.wallMs, 0),
    ratioWall: round(exportRun.ours.wallMs / exportRun.sqlite3.wallMs, 2),
    ratioCpu: round(exportRun.ours.cpuMs / exportRun.sqlite3.cpuMs, 2),
    peakRssGrowthMb: round(exportRun.peakRssGrowthMb, 1),
    xlsx: {
      ms: round(exportRun.xlsx.wallMs, 0),
      ratioToCsvWall: round(exportRun.xlsx.wallMs / exportRun.ours.wallMs, 2),
      peakRssGrowthMb: round(exportRun.xlsx.peakRssGrowthMb, 1),
      fileMb: round(exportRun.xlsx.megabytes, 1),
    },
  },
  renderer: {
    entryKbGzip: round(size.entryKb, 1),
    otherChunksKbGzip: Object.fromEntries(Object.entries(size.otherChunksKb).map(([name, kb]) => [name, round(kb, 1)])),
    boardInteractiveMedianMs: round(board.medianMs, 0),
  },
};

function wallOf(timings: Record<string, { wall: number }>): Record<string, number> {
  return Object.fromEntries(Object.entries(timings).map(([name, time]) => [name, round(time.wall, 1)]));
}

const rows: [string, string, string][] = [
  [
    'seed (separate)',
    figures.database.seedSeconds === null ? 'reused' : `${figures.database.seedSeconds} s`,
    `${sessions.toLocaleString('en')} sessions, ${figures.database.sizeMb} MB`,
  ],
  [
    'start-up to the board, warm',
    `${round(startupWarm.ratio, 2)}× empty`,
    `budget 1.5×; ${round(startupWarm.medianMs, 1)} vs ${round(startupWarm.emptyMedianMs, 1)} ms, median of 7 pairs`,
  ],
  [
    'start-up to the board, cold (evicted from the page cache)',
    `${round(startupCold.ratio, 2)}× empty`,
    `budget 1.5×; ${round(startupCold.medianMs, 1)} vs ${round(startupCold.emptyMedianMs, 1)} ms, median of 5 pairs`,
  ],
  [
    'whole-file check after start-up (worker thread)',
    `${round(backgroundCheck.checkMs / 1000, 1)} s`,
    `calls meanwhile: median ${round(backgroundCheck.callMedianMs, 2)} ms, worst ${round(backgroundCheck.callMaxMs, 1)} ms (idle ${round(backgroundCheck.idleCallMedianMs, 2)} ms)`,
  ],
  [
    'session round trip (start, 5 events, end)',
    `${figures.roundTrip.medianMs} ms median, p99 ${figures.roundTrip.p99Ms} ms`,
    `budget 1 ms; floor: 2 durable commits = ${figures.roundTrip.commitsFloorMs} ms`,
  ],
  [
    'usage event: synchronous=FULL vs NORMAL',
    `${round(durability.fullToNormal, 1)}×`,
    `${round(durability.eventFullMs)} vs ${round(durability.eventNormalMs)} ms, alternating`,
  ],
  [
    'durable commit during the hourly backup',
    `${round(durability.duringToIdle, 2)}× idle`,
    `p99 ${round(durability.commitDuringBackupP99Ms)} ms; backup of ${round(durability.databaseMb, 1)} MB in ${round(durability.backupMs, 0)} ms`,
  ],
  ...budgetLines([
    {
      name: 'round trip, × two durable commits',
      value: roundTrip.medianMs / (2 * floor.medianMs),
      budget: 2.5,
      unit: '×',
    },
    { name: 'whole-history totals', value: reportsAll.timings[TOTALS_QUERY]!.wall, budget: 50, unit: ' ms' },
    { name: 'start-up to the board, warm, × empty', value: startupWarm.ratio, budget: 1.5, unit: '×' },
    { name: 'start-up to the board, cold, × empty', value: startupCold.ratio, budget: 1.5, unit: '×' },
    { name: 'CSV export, × sqlite3 CLI', value: figures.export.ratioWall, budget: 1.25, unit: '×' },
  ]),
  ['slowest dashboard query, last 30 days', `${figures.reports.last30Days.maxQueryMs} ms`, 'budget 200 ms'],
  ['slowest dashboard query, whole history', `${figures.reports.wholeHistory.maxQueryMs} ms`, 'budget 200 ms'],
  [
    'CSV export of all sessions vs sqlite3 CLI',
    `${figures.export.ratioWall}× wall (${figures.export.ratioCpu}× cpu)`,
    `budget 1.25×; ${figures.export.oursMs} vs ${figures.export.sqlite3Ms} ms, ${figures.export.rows} rows`,
  ],
  ['export peak memory growth', `${figures.export.peakRssGrowthMb} MB`, 'constant: independent of rows'],
  [
    'XLSX export of the same rows vs our CSV',
    `${figures.export.xlsx.ratioToCsvWall}× wall`,
    `${figures.export.xlsx.ms} ms, ${figures.export.xlsx.fileMb} MB file`,
  ],
  ['XLSX export peak memory growth', `${figures.export.xlsx.peakRssGrowthMb} MB`, 'constant: independent of rows'],
  ['kiosk JavaScript (entry, gzip -9)', `${figures.renderer.entryKbGzip} KB`, 'budget 60 KB'],
  [
    'room board interactive after navigation',
    `${figures.renderer.boardInteractiveMedianMs} ms`,
    'budget 300 ms, median of 10 cold loads',
  ],
];
log('');
log('| measure | result | compared with |');
log('| --- | --- | --- |');
for (const [name, result, against] of rows) log(`| ${name} | ${result} | ${against} |`);
for (const [name, kb] of Object.entries(figures.renderer.otherChunksKbGzip))
  log(`| other chunk ${name} (gzip -9) | ${kb} KB | lazy-loaded |`);
if (jsonFile) {
  writeFileSync(jsonFile, `${JSON.stringify(figures, null, 2)}\n`);
  log(`\nFigures written to ${jsonFile}`);
}
