/**
 * The installed app's command line for IT and scheduled tasks: `lactation-room-kiosk --staff list|add|reset-pin|
 * disable …`, `--export …` and `--fleet join|status|leave …`. These run inside the Electron main process (the fuses forbid running the binary as
 * plain Node), print to the terminal and exit, before the single-instance lock and before any window, so they also
 * work while the kiosk is on screen (SQLite in WAL mode takes both). Everything after the command flag belongs to
 * the command; Electron and Chromium switches (e.g. --ozone-platform=headless) go before it.
 *
 * No electron import: index.ts passes what the runner needs, so both halves are unit-tested.
 */
import type { Writable } from 'node:stream';
import type { CommandIo } from '../commands/staff-command';
import { readFlag, resolveDataFolder } from './core/data-folder';

/** What a tool gets: the process streams and environment, the app's driver and content folder, and Ctrl-C. */
export type AppCommandIo = CommandIo & { signal?: AbortSignal };

/** A command-line tool the app can run: argv after its flag, the process streams; answers the exit code. */
export type AppCommandRunner = (argv: string[], io: AppCommandIo) => Promise<number>;

/** The flags that turn a launch into a command-line run. --export is reserved here even before it has a runner. */
export const APP_COMMAND_FLAGS = ['--staff', '--export', '--fleet'] as const;
export type AppCommandFlag = (typeof APP_COMMAND_FLAGS)[number];

export interface AppCommand {
  flag: AppCommandFlag;
  /** The arguments after the flag, for the command. */
  args: string[];
  /** The arguments before it (Electron's own, or --data-dir), used only to find the default data folder. */
  before: string[];
}

/**
 * The first command flag (--staff, --export, --fleet) in the launch arguments, or null for a normal kiosk launch. `argv` is
 * process.argv: the executable (and, unpackaged, the app folder) come first and are never a command.
 */
export function parseAppCommandLine(argv: readonly string[]): AppCommand | null {
  const index = argv.findIndex(
    (arg, position) => position > 0 && (APP_COMMAND_FLAGS as readonly string[]).includes(arg),
  );
  if (index === -1) return null;
  return { flag: argv[index] as AppCommandFlag, args: argv.slice(index + 1), before: argv.slice(1, index) };
}

export interface AppCommandHost {
  env: NodeJS.ProcessEnv;
  stdin: CommandIo['stdin'];
  stdout: Writable;
  stderr: Writable;
  /** app.getPath('userData'): the kiosk's own default data folder, so IT need not know where it is. */
  defaultDataFolder: string;
  /** The Electron-ABI driver and the content folder, as the kiosk itself opens them. */
  core: { nativeBinding?: string; resourcesFolder: string };
  /** The runner for each flag; a reserved flag without one is refused with a clear message. */
  runners: Partial<Record<AppCommandFlag, AppCommandRunner>>;
  /** Aborted on Ctrl-C, for tools that can stop cleanly (the export deletes its partial file). */
  signal?: AbortSignal;
}

/**
 * Runs a command and answers its exit code (2 for bad usage, as the tools themselves do). Without --data-dir it
 * uses the kiosk's data folder: --data-dir before the flag, else KIOSK_DATA_DIR, else the user-data folder.
 */
export async function runAppCommand(command: AppCommand, host: AppCommandHost): Promise<number> {
  const runner = host.runners[command.flag];
  if (!runner) {
    host.stderr.write(`The ${command.flag} command is not available in this version of the kiosk.\n`);
    return 2;
  }
  let args = command.args;
  try {
    if (readFlag(args, '--data-dir') === undefined && !host.env.KIOSK_DATA_DIR?.trim()) {
      args = [...args, '--data-dir', resolveDataFolder(command.before, host.env, host.defaultDataFolder)];
    }
  } catch (error) {
    // "--data-dir needs a value": the command reports it the same way as any other usage mistake.
    if (!(error instanceof Error)) throw error;
  }
  try {
    return await runner(args, {
      stdin: host.stdin,
      stdout: host.stdout,
      stderr: host.stderr,
      env: host.env,
      core: host.core,
      signal: host.signal,
    });
  } catch (error) {
    host.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** Resolves once everything written so far has been handed to the OS (a pipe may still hold it when we exit). */
export function flushed(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    if (stream.writableEnded || stream.destroyed) resolve();
    else stream.write('', () => resolve());
  });
}
