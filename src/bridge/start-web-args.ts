import { readFlag, resolveDataFolder } from '../main/core/data-folder';
import { logLevelFromArgs, type LogLevel } from '../main/core/logging/log-levels';

export interface StartWebOptions {
  port: number;
  dataFolder: string;
  rendererDir: string;
  build: boolean;
  logLevel: LogLevel;
}

const VALUE_FLAGS = ['--port', '--data-dir', '--renderer-dir', '--log-level'];
const SWITCHES = ['--no-build'];

export const START_WEB_USAGE =
  'usage: npm run start:web -- [--port N] [--data-dir DIR] [--renderer-dir DIR] [--log-level LEVEL] [--no-build]';

/** Reads the command line of `npm run start:web`; throws an Error with a one-line message on anything it cannot use. */
export function parseStartWebArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  defaults: { dataFolder: string; rendererDir: string },
): StartWebOptions {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const name = arg.split('=', 1)[0]!;
    if (VALUE_FLAGS.includes(name)) {
      if (!arg.includes('=')) index++;
      continue;
    }
    if (SWITCHES.includes(arg)) continue;
    throw new Error(`unknown argument "${arg}" (${START_WEB_USAGE})`);
  }
  const portText = readFlag(argv, '--port') ?? '0';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
    throw new Error(`--port must be a number from 0 to 65535 (0 picks a free port), got "${portText}"`);
  }
  return {
    port: Number(portText),
    dataFolder: resolveDataFolder(argv, env, defaults.dataFolder),
    rendererDir: readFlag(argv, '--renderer-dir') ?? defaults.rendererDir,
    build: !argv.includes('--no-build'),
    logLevel: logLevelFromArgs(argv),
  };
}
