import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import {
  CSV_SEPARATORS,
  EXPORT_FORMATS,
  EXPORT_SUBJECTS,
  type CsvSeparator,
  type ExportFormat,
  type ExportSubject,
} from '../shared/domain';
import { systemClock, type Clock } from '../main/core/clock';
import { databasePath } from '../main/core/data-folder';
import { openDatabase } from '../main/core/db/open-database';
import { KioskError } from '../main/core/errors';
import { exportFileChooser } from '../main/core/export/export-file-chooser';
import { UsageExports } from '../main/core/export/usage-exports';
import { checkKnownFlags, choiceFlag, integerFlag, reportFailure, UsageError } from './cli-args';
import { dateRangeFlags, outFileFlag } from './export-flags';
import { runFleetExportCommand } from './fleet-export-command';
import { existingDataFolder, requireDataDirFlag } from './kiosk-data-folder';
import type { CommandIo } from './staff-command';

export const EXPORT_USAGE = `Usage: npm run export -- --data-dir DIR --from YYYY-MM-DD --to YYYY-MM-DD --out FILE
                          [--what sessions|events] [--format csv|xlsx|json] [--room ID]
                          [--separator ',' | --separator ';']

Writes the kiosk's usage log for the dates from … to (inclusive, in the kiosk's time zone) to FILE:
  sessions  one row per session (the default)
  events    one row per event of those sessions (guides, slides, timers, help, language)
as CSV (the default; UTF-8, opens in any spreadsheet; --separator ';' for Excel set to Spanish, French, German…),
XLSX (an Excel workbook) or JSON. The columns are described in docs/EXPORT.md.
The file is complete or not written at all. Every export is recorded in the kiosk's audit log.
Every kiosk of a fleet, from the hospital's PostgreSQL: npm run export -- --fleet --help`;

export interface ExportIo {
  /** Where `--fleet` reads the database password when PGPASSWORD is not set. */
  stdin?: CommandIo['stdin'];
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C: the partial file is deleted. */
  signal?: AbortSignal;
  clock?: Clock;
  /** Packaging: the installed app passes its Electron-ABI driver; `npm run export` leaves it unset. */
  core?: { nativeBinding?: string };
}

const KNOWN_FLAGS = new Set(['--data-dir', '--from', '--to', '--out', '--what', '--format', '--room', '--separator']);

const FILE_PROBLEMS: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EISDIR: 'it is a folder',
  ENOTDIR: 'part of the path is not a folder',
};

/**
 * The usage export for IT and scripts: the same code path as the admin screen (validation, streaming, audit with no
 * staff id). Answers the exit code: 0 written, 1 failed or cancelled, 2 bad usage or no database.
 */
export async function runExportCommand(argv: string[], io: ExportIo): Promise<number> {
  if (argv.includes('--fleet')) {
    return runFleetExportCommand(
      argv.filter((arg) => arg !== '--fleet'),
      { ...io, stdin: io.stdin ?? (process.stdin as CommandIo['stdin']) },
    );
  }
  try {
    if (argv.length === 0 || argv.includes('--help')) {
      io.stdout.write(`${EXPORT_USAGE}\n`);
      return argv.length === 0 ? 2 : 0;
    }
    checkKnownFlags(argv, KNOWN_FLAGS);
    requireDataDirFlag(argv, io.env);
    const { from, to } = dateRangeFlags(argv);
    const out = outFileFlag(argv);
    const what: ExportSubject = choiceFlag(argv, '--what', EXPORT_SUBJECTS) ?? 'sessions';
    const format: ExportFormat = choiceFlag(argv, '--format', EXPORT_FORMATS) ?? 'csv';
    const separator: CsvSeparator | undefined = choiceFlag(argv, '--separator', CSV_SEPARATORS);
    if (separator !== undefined && format !== 'csv') throw new UsageError('--separator is for CSV files only.');
    const roomId = integerFlag(argv, '--room', 1, Number.MAX_SAFE_INTEGER);
    if (existsSync(out) && statSync(out).isDirectory()) throw new UsageError(`Cannot write ${out}: it is a folder.`);
    const file = databasePath(existingDataFolder(argv, io.env, 'Check --data-dir.'));

    const db = openDatabase(file, { nativeBinding: io.core?.nativeBinding });
    try {
      const exports = new UsageExports({
        db,
        clock: io.clock ?? systemClock,
        openReader: () => openDatabase(file, { readonly: true, nativeBinding: io.core?.nativeBinding }),
        // Never asked: the command line names its file (--out).
        chooseFile: exportFileChooser(undefined, dirname(out)),
      });
      const showProgress = io.stderr.isTTY === true;
      let lastShown = 0;
      const { rows } = await exports.toFile(
        { what, format, separator, from, to, roomId },
        out,
        { staffId: null, via: 'command-line' },
        {
          signal: io.signal,
          onProgress: showProgress
            ? (done, total) => {
                if (performance.now() - lastShown < 250 && done < total) return;
                lastShown = performance.now();
                io.stderr.write(`\r${done} of ${total} ${what}…`);
              }
            : undefined,
        },
      );
      if (showProgress) io.stderr.write('\r\x1b[K');
      io.stdout.write(`Wrote ${rows} ${rows === 1 ? what.slice(0, -1) : what} to ${out}\n`);
      return 0;
    } finally {
      db.close();
    }
  } catch (error) {
    return reportExportFailure(error, io.stderr) ?? reportFailure(error, EXPORT_USAGE, io.stderr);
  }
}

/** The export's own failures, in words and exit code; undefined for any other. */
function reportExportFailure(error: unknown, stderr: Writable): number | undefined {
  if (error instanceof KioskError) {
    stderr.write(`${error.message}\n`);
    return error.code === 'invalid-input' || error.code === 'not-found' ? 2 : 1;
  }
  const code = (error as { code?: string; name?: string } | null)?.code;
  if ((error as { name?: string } | null)?.name === 'AbortError') {
    stderr.write('Export cancelled; no file was written.\n');
    return 1;
  }
  if (code && FILE_PROBLEMS[code]) {
    stderr.write(`Cannot write the export: ${FILE_PROBLEMS[code]}. No file was written.\n`);
    return 1;
  }
  return undefined;
}
