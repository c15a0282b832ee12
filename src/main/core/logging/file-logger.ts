import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import electronLog from 'electron-log/node';
import type { KioskLogger } from './kiosk-logger';
import { DEFAULT_LOG_LEVEL, LOG_LEVELS, type LogLevel } from './log-levels';
import { describeProblem, formatEntry } from './log-text';

export const LOG_FOLDER = 'logs';
export const LOG_FILE = 'kiosk.log';
/** A file is rolled over past this size; with the older files kept, the folder stays under about 30 MB. */
export const LOG_MAX_BYTES = 5 * 1024 * 1024;
export const LOG_FILES_KEPT = 5;

export interface FileLoggerOptions {
  /** The folder the files go in: `<data folder>/logs`. */
  folder: string;
  level?: LogLevel;
  /** Also print each entry on the process's standard error (the app and the bridge do; tests do not). */
  echo?: boolean;
  maxBytes?: number;
  filesKept?: number;
}

export interface FileLogger extends Required<KioskLogger> {
  readonly level: LogLevel;
  /** The file being written now. */
  readonly path: string;
}

/** kiosk.log → kiosk.1.log → … → kiosk.N.log; the oldest is removed. Called by the library when the file is full. */
function rollOver(folder: string, filesKept: number): void {
  const numbered = (n: number) => join(folder, n === 0 ? LOG_FILE : `kiosk.${n}.log`);
  rmSync(numbered(filesKept), { force: true });
  for (let n = filesKept - 1; n >= 0; n -= 1) {
    if (existsSync(numbered(n))) renameSync(numbered(n), numbered(n + 1));
  }
}

let instances = 0;

/**
 * The kiosk's log: plain text files IT can read with any editor, one entry per line (a stack indented below it),
 * written synchronously so the last line before a crash is on disk. electron-log does the writing and the roll-over
 * check: it runs in Electron's main process and in plain Node alike (the bridge, the command-line tools, tests), so
 * there is one logger for every process. Only the owner can read the files: they name staff numbers and rooms.
 */
export function createFileLogger(options: FileLoggerOptions): FileLogger {
  const level = options.level ?? DEFAULT_LOG_LEVEL;
  const filesKept = options.filesKept ?? LOG_FILES_KEPT;
  const path = join(options.folder, LOG_FILE);
  let writable = true;
  try {
    mkdirSync(options.folder, { recursive: true, mode: 0o700 });
  } catch {
    // A data folder that cannot be used is reported by the storage check with its reason; the log must not hide
    // that sentence behind its own failure, so it falls back to standard error.
    writable = false;
  }

  instances += 1;
  const log = electronLog.create({ logId: `kiosk-${instances}` });
  log.transports.file.level = writable ? level : false;
  log.transports.file.maxSize = options.maxBytes ?? LOG_MAX_BYTES;
  log.transports.file.resolvePathFn = () => path;
  log.transports.file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  log.transports.file.archiveLogFn = () => rollOver(options.folder, filesKept);
  log.transports.file.format = '{text}';
  // Echoed by hand on standard error: standard output belongs to the tools' own answers (a ready line, a CSV).
  log.transports.console.level = false;
  const echo = options.echo || !writable;
  // A file made before this logger (or by another user's umask) is narrowed too.
  if (writable && existsSync(path)) chmodSync(path, 0o600);

  const write = (entryLevel: LogLevel, message: string, detail: unknown) => {
    if (!isLevelWritten(entryLevel, level)) return;
    const entry = formatEntry(new Date(), entryLevel, message, describeProblem(detail));
    if (writable) log[entryLevel](entry);
    if (echo) process.stderr.write(`${entry}\n`);
  };

  return {
    level,
    path,
    error: (message, error) => write('error', message, error),
    warn: (message, detail) => write('warn', message, detail),
    info: (message) => write('info', message, undefined),
    debug: (message) => write('debug', message, undefined),
  };
}

/** Whether a level's entries are written at a chosen level (error is always written). */
export function isLevelWritten(entryLevel: LogLevel, chosen: LogLevel): boolean {
  return LOG_LEVELS.indexOf(entryLevel) <= LOG_LEVELS.indexOf(chosen);
}
