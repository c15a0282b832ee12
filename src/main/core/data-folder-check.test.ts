import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataFolderProblem } from './data-folder-check';
import { makeUnwritable } from './testing/database-files';
import { makeTempFolder } from './testing/temp-folder';

let folder: ReturnType<typeof makeTempFolder>;
beforeEach(() => (folder = makeTempFolder('kiosk-folder-check-')));
afterEach(() => folder.cleanup());

describe('dataFolderProblem', () => {
  it('accepts a writable folder, and a missing one whose parent exists (the kiosk makes it)', () => {
    expect(dataFolderProblem(folder.path)).toBeNull();
    expect(dataFolderProblem(join(folder.path, 'new'))).toBeNull();
  });

  it.runIf(process.platform === 'linux')('refuses /proc/self in one sentence', () => {
    expect(dataFolderProblem('/proc/self')).toMatch(
      /^The data folder \/proc\/self cannot be used: nothing can be written in it \(E[A-Z]+\)\.$/,
    );
  });

  it('refuses a file, a path under a file and a missing parent', () => {
    const file = join(folder.path, 'kiosk.txt');
    writeFileSync(file, 'not a folder');
    expect(dataFolderProblem(file)).toBe(`The data folder ${file} cannot be used: it is a file, not a folder.`);
    expect(dataFolderProblem(join(file, 'data'))).toBe(
      `The data folder ${join(file, 'data')} cannot be used: ${file} is a file, not a folder.`,
    );
    const typo = join(folder.path, 'no-such-parent', 'data');
    expect(dataFolderProblem(typo)).toBe(
      `The data folder ${typo} cannot be used: the folder it would be made in, ${join(folder.path, 'no-such-parent')}, does not exist.`,
    );
  });

  it('refuses a folder that cannot be written', (context) => {
    const locked = join(folder.path, 'locked');
    mkdirSync(locked);
    const unwritable = makeUnwritable(locked);
    if ('skip' in unwritable) return context.skip(unwritable.skip);
    try {
      expect(dataFolderProblem(locked)).toMatch(/cannot be used: nothing can be written in it \(E[A-Z]+\)\.$/);
    } finally {
      unwritable.undo();
    }
  });
});
