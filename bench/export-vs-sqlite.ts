import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/main/core/db/open-database';
import { exportToFile } from '../src/main/core/export/export-to-file';
import { EXPORT_SQL } from '../src/main/core/repositories/export-queries';
import { localRange } from '../src/main/core/reports/local-days';
import { loadSettings } from '../src/main/core/services/settings-service';
import { median } from './statistics';

export interface ExportComparison {
  rows: number;
  /** Medians over the alternating runs, milliseconds. */
  ours: { wallMs: number; cpuMs: number };
  sqlite3: { wallMs: number; cpuMs: number };
  /** Resident memory added by our export at its peak (sampled every 20 ms), megabytes. */
  peakRssGrowthMb: number;
  /** The same rows as an Excel workbook, in the same alternating runs. */
  xlsx: { wallMs: number; cpuMs: number; peakRssGrowthMb: number; megabytes: number };
}

/** One export of ours to `path`, timed, with the resident memory it added at its peak (sampled every 20 ms). */
async function timedExport(write: () => Promise<{ rows: number }>) {
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  try {
    const { rows } = await write();
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuStart);
    return {
      rows,
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssGrowth: Math.max(peak, process.memoryUsage().rss) - rssBefore,
    };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * Our CSV export of all sessions in a range against the sqlite3 command-line tool writing the same query's rows as
 * CSV from the same file, run alternately (ours, theirs, ours, …) so machine noise hits both alike. The tool neither
 * formats times nor guards formulas, so it is the floor for this query, not an equal competitor.
 */
export async function compareExportWithSqlite(
  databaseFile: string,
  options: { what: 'sessions' | 'events'; from: string; to: string; runs?: number },
): Promise<ExportComparison> {
  const runs = options.runs ?? 3;
  const db = openDatabase(databaseFile, { readonly: true });
  const { timeZone } = loadSettings(db);
  const range = localRange(timeZone, options.from, options.to);
  const ours = join(tmpdir(), `kiosk-bench-export-ours.csv`);
  const theirs = join(tmpdir(), `kiosk-bench-export-sqlite3.csv`);
  const workbook = join(tmpdir(), `kiosk-bench-export-ours.xlsx`);
  const script = [
    '.headers on',
    '.mode csv',
    `.param set @start ${range.start}`,
    `.param set @end ${range.end}`,
    '.param set @room NULL',
    `.output ${theirs}`,
    `${EXPORT_SQL[options.what].trim()};`,
  ].join('\n');
  const hasTime = existsSync('/usr/bin/time');

  const oursWall: number[] = [];
  const oursCpu: number[] = [];
  const theirsWall: number[] = [];
  const theirsCpu: number[] = [];
  const xlsxWall: number[] = [];
  const xlsxCpu: number[] = [];
  let rows = 0;
  let peakGrowth = 0;
  let xlsxPeakGrowth = 0;
  let xlsxBytes = 0;
  const exportOptions = (format: 'csv' | 'xlsx') => ({
    what: options.what,
    format,
    timeZone,
    start: range.start,
    end: range.end,
    roomId: null,
  });
  try {
    for (let run = 0; run < runs; run++) {
      const csv = await timedExport(() => exportToFile(db, exportOptions('csv'), ours));
      rows = csv.rows;
      oursWall.push(csv.wallMs);
      oursCpu.push(csv.cpuMs);
      peakGrowth = Math.max(peakGrowth, csv.rssGrowth);

      const xlsx = await timedExport(() => exportToFile(db, exportOptions('xlsx'), workbook));
      if (xlsx.rows !== rows) throw new Error(`the workbook has ${xlsx.rows} rows, the CSV ${rows}`);
      xlsxWall.push(xlsx.wallMs);
      xlsxCpu.push(xlsx.cpuMs);
      xlsxPeakGrowth = Math.max(xlsxPeakGrowth, xlsx.rssGrowth);
      xlsxBytes = statSync(workbook).size;

      const started = performance.now();
      const tool = hasTime
        ? spawnSync('/usr/bin/time', ['-f', '%U %S', 'sqlite3', '-readonly', databaseFile], {
            input: script,
            encoding: 'utf8',
          })
        : spawnSync('sqlite3', ['-readonly', databaseFile], { input: script, encoding: 'utf8' });
      theirsWall.push(performance.now() - started);
      if (tool.status !== 0) throw new Error(`sqlite3 failed: ${tool.stderr}`);
      theirsCpu.push(
        hasTime
          ? tool.stderr
              .trim()
              .split('\n')
              .at(-1)!
              .split(' ')
              .reduce((sum, part) => sum + Number(part) * 1000, 0)
          : Number.NaN,
      );
    }
  } finally {
    db.close();
    rmSync(ours, { force: true });
    rmSync(theirs, { force: true });
    rmSync(workbook, { force: true });
  }
  return {
    rows,
    ours: { wallMs: median(oursWall), cpuMs: median(oursCpu) },
    sqlite3: { wallMs: median(theirsWall), cpuMs: median(theirsCpu) },
    peakRssGrowthMb: peakGrowth / 1e6,
    xlsx: {
      wallMs: median(xlsxWall),
      cpuMs: median(xlsxCpu),
      peakRssGrowthMb: xlsxPeakGrowth / 1e6,
      megabytes: xlsxBytes / 1e6,
    },
  };
}
