import { existsSync, mkdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Language } from '../../../shared/domain';

/**
 * Where a file staff save from the admin screen goes (a usage export, the monthly PDF). The Electron shell shows a
 * save dialog; without a shell (the browser bridge, tests) files go to the data folder's exports/ folder. Answers
 * null when staff cancel the dialog.
 */
export type ChooseExportFile = (suggestedFileName: string, language?: Language) => Promise<string | null>;

/** exports/NAME in the data folder, with " (2)", " (3)" … when the name is taken. */
export function freeExportPath(exportsFolder: string, name: string): string {
  mkdirSync(exportsFolder, { recursive: true });
  const extension = extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let copy = 1; ; copy++) {
    const path = join(exportsFolder, copy === 1 ? name : `${stem} (${copy})${extension}`);
    if (!existsSync(path)) return path;
  }
}

/** The shell's chooser when there is one, else the exports/ folder. */
export function exportFileChooser(chooseFile: ChooseExportFile | undefined, exportsFolder: string): ChooseExportFile {
  return chooseFile ?? ((name) => Promise.resolve(freeExportPath(exportsFolder, name)));
}
