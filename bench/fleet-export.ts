/**
 * `export --fleet` (COPY through pg-copy-streams, line ends made CRLF, written to a file) against `psql \copy` of the
 * very same COPY statement to a file, side by side on one cluster: psql is the ceiling of what a client can do with
 * that query, so the ratio is the export's own overhead. Runs alternate so machine noise falls on both.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionSettings } from '../src/main/fleet/central/connection-settings';
import { openCentral } from '../src/main/fleet/central/connection-settings';
import { fleetSessionsCopySql } from '../src/main/fleet/central/fleet-session-copy';
import { exportFleetSessionsCsv } from '../src/main/fleet/fleet-session-export';
import { median, timeOnce } from './statistics';

export interface FleetExportResult {
  rows: number;
  fileMb: number;
  /** medians of `runs` */
  exportMs: number;
  psqlCopyMs: number;
  /** export ÷ psql \copy; the budget is 1.2 */
  exportToPsql: number;
  runs: number;
}

const TIME_ZONE = 'America/New_York';
const WHOLE_HISTORY = { start: Date.UTC(2000, 0, 1), end: Date.UTC(2100, 0, 1) };

export async function measureFleetExport(
  settings: ConnectionSettings,
  psqlBin: string,
  runs = 3,
): Promise<FleetExportResult> {
  const out = join(tmpdir(), `fleet-export-bench-${process.pid}.csv`);
  const copied = join(tmpdir(), `fleet-psql-bench-${process.pid}.csv`);
  // psql's \copy takes the statement on one line; the statement holds no whitespace inside its literals.
  const statement = fleetSessionsCopySql({ ...WHOLE_HISTORY, separator: ',' })
    .replace(/\s+/g, ' ')
    .replace(/^COPY /, '\\copy ')
    .replace(/ TO STDOUT$/, ` TO '${copied}'`);
  const psql = () => {
    const result = spawnSync(
      join(psqlBin, 'psql'),
      ['-h', settings.host, '-p', String(settings.port), '-U', settings.user, '-d', settings.database, '-qAt'],
      {
        input: `${statement}\n`,
        env: { ...process.env, PGPASSWORD: settings.password, PGTZ: TIME_ZONE },
        encoding: 'utf8',
      },
    );
    if (result.status !== 0 || result.stderr) throw new Error(`psql: ${result.stderr}`);
  };
  let rows = 0;
  const exportOnce = async () => {
    const sql = openCentral(settings);
    try {
      rows = (await exportFleetSessionsCsv(sql, { ...WHOLE_HISTORY, timeZone: TIME_ZONE }, out)).rows;
    } finally {
      await sql.end();
    }
  };
  const exportSamples: number[] = [];
  const psqlSamples: number[] = [];
  for (let run = 0; run < runs; run++) {
    // The last run's file is removed outside the timed part, as psql's is overwritten in place.
    rmSync(out, { force: true });
    exportSamples.push(await timeOnce(exportOnce));
    psqlSamples.push(await timeOnce(psql));
  }
  const fileMb = statSync(out).size / 1e6;
  // The same records: psql's file is the export's without the BOM, the header and each record's CR.
  const psqlMb = statSync(copied).size / 1e6;
  rmSync(out, { force: true });
  rmSync(copied, { force: true });
  if (Math.abs(fileMb - psqlMb) / fileMb > 0.1)
    throw new Error(`export ${fileMb} MB, psql ${psqlMb} MB: not the same rows`);
  const exportMs = median(exportSamples);
  const psqlCopyMs = median(psqlSamples);
  return { rows, fileMb, exportMs, psqlCopyMs, exportToPsql: exportMs / psqlCopyMs, runs };
}
