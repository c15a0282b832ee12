import type { BrowserWindow, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExportFileChooser, saveDialogOptions, withExtension, type ExportDialogHost } from './export-dialog';

const kioskWindow = { id: 1 } as unknown as BrowserWindow;

/** A host whose dialog answers `answer`, recording what it was asked and whether refocus was paused meanwhile. */
function fakeHost(answer: SaveDialogReturnValue | Error) {
  const seen: { window: BrowserWindow | null; options: SaveDialogOptions; pausedDuringDialog: boolean }[] = [];
  let pauses = 0;
  const host: ExportDialogHost = {
    showSaveDialog: (window, options) => {
      seen.push({ window, options, pausedDuringDialog: pauses > 0 });
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
    getWindow: () => kioskWindow,
    pauseRefocus: () => {
      pauses++;
      return () => {
        pauses--;
      };
    },
    documentsFolder: () => join('/home', 'kiosk', 'Documents'),
  };
  return { host, seen, paused: () => pauses };
}

describe('the export save dialog', () => {
  it('speaks the admin screen’s language, and names the format', () => {
    const es = saveDialogOptions('lactation-events-2026-11-01-to-2026-11-30.xlsx', '/docs', 'es');
    expect(es).toMatchObject({ title: 'Guardar el registro de uso', buttonLabel: 'Guardar' });
    expect(es.filters).toEqual([{ name: 'Libro de Excel', extensions: ['xlsx'] }]);
    const pdf = saveDialogOptions('lactation-report-2026-11.pdf', '/docs', 'es');
    expect(pdf).toMatchObject({
      title: 'Guardar el informe mensual',
      filters: [{ name: 'Documento PDF', extensions: ['pdf'] }],
    });
    expect(saveDialogOptions('lactation-report-2026-11.pdf', '/docs')).toMatchObject({
      title: 'Save the monthly report',
    });
    expect(saveDialogOptions('notes.txt', '/docs').filters).toEqual([]);
  });

  it('passes the language from the request to the dialog', async () => {
    const { host, seen } = fakeHost({ canceled: true, filePath: '' });
    await createExportFileChooser(host)('lactation-report-2026-11.pdf', 'es');
    expect(seen[0]!.options.title).toBe('Guardar el informe mensual');
  });

  it('opens over the kiosk window in Documents with the suggested name and its format', async () => {
    const { host, seen, paused } = fakeHost({ canceled: false, filePath: '/media/usb/march.csv' });
    const choose = createExportFileChooser(host);
    expect(await choose('lactation-sessions-2026-11-01-to-2026-11-30.csv')).toBe('/media/usb/march.csv');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.window).toBe(kioskWindow);
    expect(seen[0]!.options.defaultPath).toBe(
      join('/home', 'kiosk', 'Documents', 'lactation-sessions-2026-11-01-to-2026-11-30.csv'),
    );
    expect(seen[0]!.options.filters).toEqual([{ name: 'CSV (comma-separated values)', extensions: ['csv'] }]);
    expect(seen[0]!.pausedDuringDialog).toBe(true);
    expect(paused()).toBe(0);
  });

  it('answers null when staff cancel, and resumes refocus', async () => {
    const { host, paused } = fakeHost({ canceled: true, filePath: '' });
    expect(await createExportFileChooser(host)('lactation-events-2026-11-01-to-2026-11-30.json')).toBeNull();
    expect(paused()).toBe(0);
  });

  it('resumes refocus even when the dialog fails', async () => {
    const { host, paused } = fakeHost(new Error('no display'));
    await expect(createExportFileChooser(host)('x.csv')).rejects.toThrow('no display');
    expect(paused()).toBe(0);
  });

  it('filters JSON exports as JSON', () => {
    expect(saveDialogOptions('a.json', '/docs').filters).toEqual([{ name: 'JSON', extensions: ['json'] }]);
  });

  it('adds the format extension to a name typed without one, and keeps a chosen one', () => {
    expect(withExtension('/docs/march', 'a.csv')).toBe('/docs/march.csv');
    expect(withExtension('/docs/march.txt', 'a.csv')).toBe('/docs/march.txt');
    expect(withExtension('/docs/march.csv', 'a.csv')).toBe('/docs/march.csv');
  });
});
