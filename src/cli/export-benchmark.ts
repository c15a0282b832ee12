/**
 * The export budget, measured side by side in one run (not a timed test): our CSV export of a range against the
 * sqlite3 command-line tool writing the same query's rows as CSV from the same file, plus our peak memory.
 *   npx tsx src/cli/export-benchmark.ts --data-dir DIR --from YYYY-MM-DD --to YYYY-MM-DD [--what sessions|events]
 * DESIGN.md: a CSV export of a million sessions streams in constant memory and takes at most 1.2× sqlite3's time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databasePath, readFlag } from '../main/core/data-folder';
import { openDatabase } from '../main/core/db/open-database';
import { exportToFile } from '../main/core/export/export-to-file';
import { EXPORT_SQL } from '../main/core/repositories/export-queries';
import { localRange } from '../main/core/reports/local-days';
import { loadSettings } from '../main/core/services/settings-service';

const argv = process.argv.slice(2);
const dataFolder = readFlag(argv, '--data-dir');
const from = readFlag(argv, '--from');
const to = readFlag(argv, '--to');
if (!dataFolder || !from || !to) throw new Error('--data-dir, --from and --to are required');
const what = (readFlag(argv, '--what') ?? 'sessions') as 'sessions' | 'events';
const file = databasePath(dataFolder);

const db = openDatabase(file, { readonly: true });
const { timeZone } = loadSettings(db);
const range = localRange(timeZone, from, to);
const ours = join(tmpdir(), `kiosk-export-benchmark-ours.csv`);
const theirs = join(tmpdir(), `kiosk-export-benchmark-sqlite3.csv`);

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const rssBefore = process.memoryUsage().rss;
let peak = rssBefore;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const cpuStart = process.cpuUsage();
let start = performance.now();
const { rows } = await exportToFile(
  db,
  { what, format: 'csv', timeZone, start: range.start, end: range.end, roomId: null },
  ours,
);
const oursMs = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
db.close();

// The same SQL, parameters and file through the sqlite3 tool (which neither formats times nor guards formulas).
const script = [
  '.headers on',
  '.mode csv',
  `.param set @start ${range.start}`,
  `.param set @end ${range.end}`,
  '.param set @room NULL',
  `.output ${theirs}`,
  `${EXPORT_SQL[what].trim()};`,
].join('\n');
// /usr/bin/time gives the tool's CPU time too: on a shared machine CPU time is the fairer comparison.
const timed = existsSync('/usr/bin/time');
start = performance.now();
const sqlite = timed
  ? spawnSync('/usr/bin/time', ['-f', '%U %S', 'sqlite3', '-readonly', file], { input: script, encoding: 'utf8' })
  : spawnSync('sqlite3', ['-readonly', file], { input: script, encoding: 'utf8' });
const sqliteMs = performance.now() - start;
if (sqlite.status !== 0) throw new Error(`sqlite3 failed: ${sqlite.stderr}`);
const sqliteCpuMs = timed
  ? sqlite.stderr
      .trim()
      .split('\n')
      .at(-1)!
      .split(' ')
      .reduce((sum, part) => sum + Number(part) * 1000, 0)
  : Number.NaN;
const oursCpuMs = (cpu.user + cpu.system) / 1000;

console.log(`${rows} ${what} (${from} … ${to}, ${timeZone}) from ${file}`);
console.log(`  ours:    ${oursMs.toFixed(0)} ms wall, ${oursCpuMs.toFixed(0)} ms cpu, ${mb(statSync(ours).size)} MB`);
console.log(
  `  sqlite3: ${sqliteMs.toFixed(0)} ms wall, ${sqliteCpuMs.toFixed(0)} ms cpu, ${mb(statSync(theirs).size)} MB`,
);
console.log(
  `  ratio:   ${(oursMs / sqliteMs).toFixed(2)}× wall, ${(oursCpuMs / sqliteCpuMs).toFixed(2)}× cpu (budget 1.2×)`,
);
console.log(
  `  memory:  rss ${mb(rssBefore)} MB before, peak ${mb(peak)} MB during (+${mb(peak - rssBefore)} MB); ` +
    `maxRSS ${mb(process.resourceUsage().maxRSS * 1024)} MB`,
);
rmSync(ours, { force: true });
rmSync(theirs, { force: true });
