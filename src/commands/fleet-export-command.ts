import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CSV_SEPARATORS, type CsvSeparator } from '../shared/domain';
import { localDateSchema } from '../shared/contract';
import { localRange } from '../main/core/reports/local-days';
import { openCentral } from '../main/fleet/central/connection-settings';
import { NotAReporterError } from '../main/fleet/central/fleet-session-rows';
import { exportFleetSessionsCsv } from '../main/fleet/fleet-session-export';
import { checkKnownFlags, flag, UsageError } from './cli-args';
import { CONNECTION_FLAGS, CONNECTION_USAGE, connectionFromFlags, withoutSwitches } from './fleet-connection-flags';
import type { CommandIo } from './staff-command';

export const EXPORT_FLEET_USAGE = `Usage: npm run export -- --fleet --from YYYY-MM-DD --to YYYY-MM-DD --out FILE
                          [--time-zone ZONE] [--separator ',' | --separator ';'] CONNECTION

Writes every kiosk's sessions that started from … to (inclusive, local dates in ZONE, by default this computer's
time zone) from the fleet's PostgreSQL to FILE as CSV: a first column "kiosk" (the kiosk's name), then the same
columns as a single kiosk's sessions export (docs/EXPORT.md). The role must be a fleet reporter (fleet add-reporter)
or the owner; a kiosk's credentials are refused. The file is complete or not written at all.

${CONNECTION_USAGE}`;

// --data-dir is accepted and ignored: the installed app adds its own data folder to every command it runs.
const KNOWN = new Set(['--data-dir', '--from', '--to', '--out', '--time-zone', '--separator', ...CONNECTION_FLAGS]);

function date(argv: readonly string[], name: '--from' | '--to'): string {
  const text = flag(argv, name);
  if (text === undefined) throw new UsageError(`${name} is required: a date like 2026-03-31.`);
  if (!localDateSchema.safeParse(text).success) {
    throw new UsageError(`${name} must be a real date written YYYY-MM-DD, from 2000 to 2099 (got "${text}").`);
  }
  return text;
}

/** `export --fleet`: 0 written, 1 refused or failed, 2 bad usage. */
export async function runFleetExportCommand(argv: string[], io: CommandIo): Promise<number> {
  if (argv.length === 0 || argv.includes('--help')) {
    io.stdout.write(`${EXPORT_FLEET_USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  try {
    const args = withoutSwitches(argv, ['--allow-plaintext']);
    checkKnownFlags(args, KNOWN);
    const from = date(args, '--from');
    const to = date(args, '--to');
    if (from > to) throw new UsageError(`--from ${from} is after --to ${to}.`);
    const outFlag = flag(args, '--out');
    if (outFlag === undefined) throw new UsageError('--out is required: the file to write.');
    const out = resolve(outFlag);
    if (!existsSync(dirname(out)) || !statSync(dirname(out)).isDirectory()) {
      throw new UsageError(`Cannot write ${out}: the folder ${dirname(out)} does not exist.`);
    }
    const separatorText = flag(args, '--separator');
    if (separatorText !== undefined && !(CSV_SEPARATORS as readonly string[]).includes(separatorText)) {
      throw new UsageError(`--separator must be ${CSV_SEPARATORS.join(' or ')}.`);
    }
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
      const { rows } = await exportFleetSessionsCsv(
        sql,
        { ...range, timeZone, separator: separatorText as CsvSeparator | undefined },
        out,
      );
      io.stdout.write(`Wrote ${rows} ${rows === 1 ? 'session' : 'sessions'} of every kiosk to ${out}\n`);
      return 0;
    } finally {
      await sql.end();
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\n\n${EXPORT_FLEET_USAGE}\n`);
      return 2;
    }
    if (error instanceof NotAReporterError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
