/**
 * Where an admin's usage export is saved: the system save dialog over the kiosk window, opened in the Documents
 * folder with the name core suggests and a filter for the file's format. The kiosk's refocus-on-blur is paused while
 * the dialog is open (otherwise the kiosk would take the focus back and hide the dialog), and resumed however it ends.
 * Electron is passed in rather than imported, so this runs under plain Node in tests.
 */
import type { BrowserWindow, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import { extname, join } from 'node:path';
import type { Language } from '../shared/domain';
import type { ChooseExportFile } from './core/export/export-file-chooser';

export interface ExportDialogHost {
  showSaveDialog(window: BrowserWindow | null, options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  /** The kiosk window, when there is one. */
  getWindow(): BrowserWindow | null;
  /** kiosk-lockdown's pauseRefocus; answers the function that resumes it. */
  pauseRefocus(): () => void;
  documentsFolder(): string;
}

/** The dialog's words in the admin screen's language (the system draws its own buttons in the system's language). */
const WORDS = {
  en: {
    usageLog: 'Save the usage log',
    report: 'Save the monthly report',
    save: 'Save',
    csv: 'CSV (comma-separated values)',
    json: 'JSON',
    xlsx: 'Excel workbook',
    pdf: 'PDF document',
  },
  es: {
    usageLog: 'Guardar el registro de uso',
    report: 'Guardar el informe mensual',
    save: 'Guardar',
    csv: 'CSV (valores separados por comas)',
    json: 'JSON',
    xlsx: 'Libro de Excel',
    pdf: 'Documento PDF',
  },
} as const satisfies Record<Language, Record<string, string>>;

const FORMATS = ['csv', 'json', 'xlsx', 'pdf'] as const;

/** The dialog's options for a suggested file name such as "lactation-sessions-2026-11-01-to-2026-11-30.csv". */
export function saveDialogOptions(
  suggestedFileName: string,
  documentsFolder: string,
  language: Language = 'en',
): SaveDialogOptions {
  const words = WORDS[language];
  const extension = extname(suggestedFileName).toLowerCase().slice(1);
  const format = FORMATS.find((known) => known === extension);
  return {
    title: format === 'pdf' ? words.report : words.usageLog,
    buttonLabel: words.save,
    defaultPath: join(documentsFolder, suggestedFileName),
    filters: format ? [{ name: words[format], extensions: [format] }] : [],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/** Some Linux dialogs return the name exactly as typed: give it the format's extension when it has none. */
export function withExtension(path: string, suggestedFileName: string): string {
  const extension = extname(suggestedFileName);
  return extname(path) === '' && extension !== '' ? `${path}${extension}` : path;
}

export function createExportFileChooser(host: ExportDialogHost): ChooseExportFile {
  return async (suggestedFileName, language) => {
    const resume = host.pauseRefocus();
    try {
      const result = await host.showSaveDialog(
        host.getWindow(),
        saveDialogOptions(suggestedFileName, host.documentsFolder(), language),
      );
      if (result.canceled || !result.filePath) return null;
      return withExtension(result.filePath, suggestedFileName);
    } finally {
      resume();
    }
  };
}
