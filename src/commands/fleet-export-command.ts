import { CSV_SEPARATORS, EXPORT_FORMATS, EXPORT_SUBJECTS } from '../shared/domain';
import { localRange } from '../main/core/reports/local-days';
import { openCentral } from '../main/fleet/central/connection-settings';
import { exportFleetUsage } from '../main/fleet/fleet-usage-export';
import { checkKnownFlags, choiceFlag, flag, reportFailure, UsageError } from './cli-args';
import { dateRangeFlags, outFileFlag } from './export-flags';
import { CONNECTION_FLAGS, CONNECTION_USAGE, connectionFromFlags, withoutSwitches } from './fleet-connection-flags';
import type { CommandIo } from './staff-command';

export const EXPORT_FLEET_USAGE = `Usage: npm run export -- --fleet --from YYYY-MM-DD --to YYYY-MM-DD --out FILE
                          [--what sessions|events] [--format csv|xlsx|json]
                          [--time-zone ZONE] [--separator ',' | --separator ';'] CONNECTION

Writes every kiosk's sessions that started from … to (inclusive, local dates in ZONE, by default this computer's
time zone), or the events of those sessions, from the fleet's PostgreSQL to FILE as CSV (the default), XLSX or JSON:
a first column "kiosk" (the kiosk's name), then the same columns as a single kiosk's export (docs/EXPORT.md). The
role must be a fleet reporter (fleet add-reporter) or the owner; a kiosk's credentials are refused. The file is
complete or not written at all. --room is not offered: a room's id belongs to one kiosk.

${CONNECTION_USAGE}`;

// --data-dir is accepted and ignored: the installed app adds its own data folder to every command it runs.
const KNOWN = new Set([
  '--data-dir',
  '--from',
  '--to',
  '--out',
  '--what',
  '--format',
  '--time-zone',
  '--separator',
  ...CONNECTION_FLAGS,
]);

/** `export --fleet`: 0 written, 1 refused or failed, 2 bad usage. */
export async function runFleetExportCommand(argv: string[], io: CommandIo): Promise<number> {
  if (argv.length === 0 || argv.includes('--help')) {
    io.stdout.write(`${EXPORT_FLEET_USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  try {
    const args = withoutSwitches(argv, ['--allow-plaintext']);
    if (args.some((arg) => arg.split('=')[0] === '--room')) {
      throw new UsageError(
        "--room is not offered with --fleet: a room's id belongs to one kiosk (export that kiosk with --data-dir).",
      );
    }
    checkKnownFlags(args, KNOWN);
    const { from, to } = dateRangeFlags(args);
    const out = outFileFlag(args);
    const what = choiceFlag(args, '--what', EXPORT_SUBJECTS) ?? 'sessions';
    const format = choiceFlag(args, '--format', EXPORT_FORMATS) ?? 'csv';
    const separator = choiceFlag(args, '--separator', CSV_SEPARATORS);
    if (separator !== undefined && format !== 'csv') throw new UsageError('--separator is for CSV files only.');
    const timeZone = flag(args, '--time-zone') ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    let range: { start: number; end: number };
    try {
      range = localRange(timeZone, from, to);
    } catch {
      throw new UsageError(`--time-zone must be an IANA time zone such as America/New_York (got "${timeZone}").`);
    }
    const settings = await connectionFromFlags(argv, io);
    const sql = openCentral(settings);
    try {
      const { rows } = await exportFleetUsage(sql, { ...range, timeZone, what, format, separator }, out);
      io.stdout.write(`Wrote ${rows} ${rows === 1 ? what.slice(0, -1) : what} of every kiosk to ${out}\n`);
      return 0;
    } finally {
      await sql.end();
    }
  } catch (error) {
    // A role that may not read every kiosk is refused in the words of that refusal, exit code 1, like any failure.
    return reportFailure(error, EXPORT_FLEET_USAGE, io.stderr);
  }
}
