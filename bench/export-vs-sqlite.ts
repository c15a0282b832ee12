import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
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
  let rows = 0;
  let peakGrowth = 0;
  try {
    for (let run = 0; run < runs; run++) {
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const cpuStart = process.cpuUsage();
      let started = performance.now();
      ({ rows } = await exportToFile(
        db,
        { what: options.what, format: 'csv', timeZone, start: range.start, end: range.end, roomId: null },
        ours,
      ));
      oursWall.push(performance.now() - started);
      const cpu = process.cpuUsage(cpuStart);
      oursCpu.push((cpu.user + cpu.system) / 1000);
      clearInterval(sampler);
      peakGrowth = Math.max(peakGrowth, Math.max(peak, process.memoryUsage().rss) - rssBefore);

      started = performance.now();
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
  }
  return {
    rows,
    ours: { wallMs: median(oursWall), cpuMs: median(oursCpu) },
    sqlite3: { wallMs: median(theirsWall), cpuMs: median(theirsCpu) },
    peakRssGrowthMb: peakGrowth / 1e6,
  };
}
