import { statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { errorCode } from './reliability/storage-errors';
import { proveWritable } from './reliability/write-probe';

/**
 * Why a data folder named on the command line cannot be used, as one sentence for IT; null when it can. Checked
 * before anything opens, so `--data-dir /proc/self`, a file, an unwritable folder or a mistyped parent is refused
 * with words instead of a system error's stack. A missing folder is fine when its parent exists: the kiosk makes it;
 * a missing parent is refused, so a typo never starts an empty kiosk somewhere unexpected.
 */
export function dataFolderProblem(folder: string): string | null {
  const unusable = (why: string) => `The data folder ${folder} cannot be used: ${why}.`;
  const found = statOrNull(folder);
  if (found !== null && !found.isDirectory()) return unusable('it is a file, not a folder');
  if (found === null) {
    const parent = dirname(folder);
    const above = statOrNull(parent);
    if (above === null) return unusable(`the folder it would be made in, ${parent}, does not exist`);
    if (!above.isDirectory()) return unusable(`${parent} is a file, not a folder`);
    return null;
  }
  try {
    proveWritable(folder);
  } catch (error) {
    return unusable(`nothing can be written in it (${errorCode(error) ?? 'unknown error'})`);
  }
  return null;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
