/** The levels IT can choose with `--log-level`, from the fewest lines to the most. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const DEFAULT_LOG_LEVEL: LogLevel = 'info';

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value);
}

/**
 * Reads `--log-level LEVEL` (or `--log-level=LEVEL`) from a command line. A missing flag means the default; a
 * flag without a known level is refused with a sentence that names the choices.
 */
export function logLevelFromArgs(argv: readonly string[]): LogLevel {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    let value: string | undefined;
    if (arg === '--log-level') value = argv[index + 1];
    else if (arg.startsWith('--log-level=')) value = arg.slice('--log-level='.length);
    else continue;
    if (isLogLevel(value)) return value;
    throw new Error(
      `--log-level must be one of ${LOG_LEVELS.join(', ')} (got ${value === undefined ? 'nothing' : JSON.stringify(value)}).`,
    );
  }
  return DEFAULT_LOG_LEVEL;
}
