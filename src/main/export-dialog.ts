/**
 * Where an admin's usage export is saved: the system save dialog over the kiosk window, opened in the Documents
 * folder with the name core suggests and a filter for the file's format. The kiosk's refocus-on-blur is paused while
 * the dialog is open (otherwise the kiosk would take the focus back and hide the dialog), and resumed however it ends.
 * Electron is passed in rather than imported, so this runs under plain Node in tests.
 */
import type { BrowserWindow, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import { extname, join } from 'node:path';
import type { ChooseExportFile } from './core/export/export-file-chooser';

export interface ExportDialogHost {
  showSaveDialog(window: BrowserWindow | null, options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  /** The kiosk window, when there is one. */
  getWindow(): BrowserWindow | null;
  /** kiosk-lockdown's pauseRefocus; answers the function that resumes it. */
  pauseRefocus(): () => void;
  documentsFolder(): string;
}

const FILTERS: Record<string, SaveDialogOptions['filters']> = {
  '.csv': [{ name: 'CSV (comma-separated values)', extensions: ['csv'] }],
  '.json': [{ name: 'JSON', extensions: ['json'] }],
  '.xlsx': [{ name: 'Excel workbook', extensions: ['xlsx'] }],
  '.pdf': [{ name: 'PDF document', extensions: ['pdf'] }],
};

/** The dialog's options for a suggested file name such as "lactation-sessions-2026-11-01-to-2026-11-30.csv". */
export function saveDialogOptions(suggestedFileName: string, documentsFolder: string): SaveDialogOptions {
  return {
    title: extname(suggestedFileName).toLowerCase() === '.pdf' ? 'Save the monthly report' : 'Save the usage log',
    buttonLabel: 'Save',
    defaultPath: join(documentsFolder, suggestedFileName),
    filters: FILTERS[extname(suggestedFileName).toLowerCase()] ?? [],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/** Some Linux dialogs return the name exactly as typed: give it the format's extension when it has none. */
export function withExtension(path: string, suggestedFileName: string): string {
  const extension = extname(suggestedFileName);
  return extname(path) === '' && extension !== '' ? `${path}${extension}` : path;
}

export function createExportFileChooser(host: ExportDialogHost): ChooseExportFile {
  return async (suggestedFileName) => {
    const resume = host.pauseRefocus();
    try {
      const result = await host.showSaveDialog(
        host.getWindow(),
        saveDialogOptions(suggestedFileName, host.documentsFolder()),
      );
      if (result.canceled || !result.filePath) return null;
      return withExtension(result.filePath, suggestedFileName);
    } finally {
      resume();
    }
  };
}
