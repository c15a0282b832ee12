import { isAbsolute, join, resolve } from 'node:path';

export const DATABASE_FILE_NAME = 'kiosk.db';

/**
 * Where the kiosk keeps its data: `--data-dir DIR` (or `--data-dir=DIR`), else KIOSK_DATA_DIR, else the default
 * (the app's user-data folder in Electron). A relative path is taken from the current directory.
 */
export function resolveDataFolder(argv: readonly string[], env: NodeJS.ProcessEnv, fallback: string): string {
  const fromArgs = readFlag(argv, '--data-dir');
  const chosen = fromArgs ?? (env.KIOSK_DATA_DIR?.trim() || undefined) ?? fallback;
  return isAbsolute(chosen) ? chosen : resolve(chosen);
}

export function databasePath(dataFolder: string): string {
  return join(dataFolder, DATABASE_FILE_NAME);
}

/** The value of `--name VALUE` or `--name=VALUE`; throws when the flag is present without a value. */
export function readFlag(argv: readonly string[], name: string): string | undefined {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === name) {
      const value = argv[index + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value.`);
      return value;
    }
    if (arg.startsWith(`${name}=`)) {
      const value = arg.slice(name.length + 1);
      if (!value) throw new Error(`${name} needs a value.`);
      return value;
    }
  }
  return undefined;
}
