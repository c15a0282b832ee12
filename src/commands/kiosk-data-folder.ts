import { existsSync } from 'node:fs';
import { databasePath, resolveDataFolder } from '../main/core/data-folder';
import { dataFolderProblem } from '../main/core/data-folder-check';
import { flag, UsageError } from './cli-args';

/** Refuses a kiosk command given no data folder: neither --data-dir nor KIOSK_DATA_DIR. */
export function requireDataDirFlag(argv: readonly string[], env: NodeJS.ProcessEnv): void {
  if (flag(argv, '--data-dir') === undefined && !env.KIOSK_DATA_DIR) {
    throw new UsageError('--data-dir is required: the folder that holds kiosk.db.');
  }
}

/**
 * The kiosk's data folder, which must be usable and already hold a kiosk.db: a command never creates one, so a typo'd
 * folder fails instead of leaving an empty database behind. `hint` ends the message when there is none.
 */
export function existingDataFolder(argv: readonly string[], env: NodeJS.ProcessEnv, hint: string): string {
  requireDataDirFlag(argv, env);
  const folder = resolveDataFolder(argv, env, '');
  const problem = dataFolderProblem(folder);
  if (problem !== null) throw new UsageError(problem);
  if (!existsSync(databasePath(folder))) throw new UsageError(`No kiosk database at ${databasePath(folder)}. ${hint}`);
  return folder;
}
