import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { UsageExportResult } from '../../../shared/domain';
import type { ApiResult } from '../../../shared/errors';
import { fails, ok, stubKiosk } from '../../testing/stub-kiosk';
import ExportPanel from './ExportPanel.svelte';
import { ReportFormat } from './report-format';
import { reportsEn } from './reports-messages';

function renderPanel(onsigninended = vi.fn()) {
  render(ExportPanel, {
    staffToken: 'token',
    range: { from: '2026-02-01', to: '2026-02-28' },
    roomId: 2,
    scope: { range: 'February 1 – 28, 2026', room: 'Room 2' },
    format: new ReportFormat('en'),
    t: reportsEn,
    onsigninended,
  });
  return onsigninended;
}

describe('the usage-log export panel', () => {
  it('exports what was chosen, shows progress while it runs, and can cancel it', async () => {
    let finish: (result: ApiResult<UsageExportResult>) => void = () => undefined;
    const kiosk = stubKiosk({
      exportUsage: () => new Promise((resolve) => (finish = resolve)),
      getUsageExportProgress: () => ok({ running: true, what: 'events', rowsDone: 40, rowsTotal: 100 }),
      cancelUsageExport: () => ok({ cancelled: true }),
    });
    renderPanel();
    expect(screen.getByText('Uses the dates and room chosen above: February 1 – 28, 2026, Room 2.')).toBeTruthy();
    await fireEvent.click(screen.getByLabelText('Events: guides, slides, timers and help presses'));
    await fireEvent.click(screen.getByLabelText('JSON, for IT'));
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(kiosk.exportUsage).toHaveBeenCalledWith({
      staffToken: 'token',
      what: 'events',
      format: 'json',
      from: '2026-02-01',
      to: '2026-02-28',
      roomId: 2,
      language: 'en',
    });

    // Until the core reports rows, the bar has no value (indeterminate); then it shows rows done of rows to do.
    expect(screen.getByRole('progressbar', { name: 'Export progress' }).hasAttribute('value')).toBe(false);
    expect(screen.getByText('Getting the export ready…')).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByRole('progressbar', { name: 'Export progress' }).getAttribute('value')).toBe('40'),
    );
    expect(screen.getByRole('progressbar').getAttribute('max')).toBe('100');
    expect(screen.getByText('Exporting… 40 of 100 rows')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Export' })).toBeNull();

    await fireEvent.click(screen.getByRole('button', { name: 'Cancel the export' }));
    expect(kiosk.cancelUsageExport).toHaveBeenCalledWith({ staffToken: 'token' });
    finish({ ok: true, value: { outcome: 'cancelled' } });
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('The export was cancelled. No file was saved.'),
    );
    expect(screen.queryByRole('progressbar')).toBeNull();
    const polls = kiosk.getUsageExportProgress.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(kiosk.getUsageExportProgress.mock.calls.length).toBe(polls);
  });

  it("offers a ';' separator for CSV only, and sends it", async () => {
    const kiosk = stubKiosk({ exportUsage: () => ok({ outcome: 'cancelled' }) });
    renderPanel();
    await fireEvent.click(screen.getByLabelText(/^Semicolon \(;\)/));
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(kiosk.exportUsage).toHaveBeenCalledWith(expect.objectContaining({ format: 'csv', separator: ';' }));
    await fireEvent.click(screen.getByLabelText('Excel workbook (.xlsx)'));
    expect(screen.queryByLabelText(/^Semicolon/)).toBeNull();
  });

  it('says where the file went and how many rows it holds', async () => {
    stubKiosk({ exportUsage: () => ok({ outcome: 'written', fileName: '/home/kiosk/Documents/feb.csv', rows: 1234 }) });
    renderPanel();
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Done: 1,234 rows saved to /home/kiosk/Documents/feb.csv.'),
    );
  });

  it('explains another running export, and hands a lapsed sign-in back', async () => {
    stubKiosk({ exportUsage: () => fails('conflict') });
    const ended = renderPanel();
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(reportsEn.export.busy));
    expect(ended).not.toHaveBeenCalled();

    stubKiosk({ exportUsage: () => fails('unauthorized') });
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(ended).toHaveBeenCalledOnce());
  });
});
