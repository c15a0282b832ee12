import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { FleetExportResult } from '../../../shared/fleet-export';
import type { ApiResult } from '../../../shared/errors';
import { ok, stubKiosk } from '../../testing/stub-kiosk';
import ExportPanel from './ExportPanel.svelte';
import { ReportFormat } from './report-format';
import { reportsEn, reportsEs, type ReportsMessages } from './reports-messages';

function renderPanel(inFleet: boolean, t: ReportsMessages = reportsEn) {
  render(ExportPanel, {
    staffToken: 'token',
    range: { from: '2026-02-01', to: '2026-02-28' },
    roomId: 2,
    scope: { range: 'February 1 – 28, 2026', room: 'Room 2' },
    format: new ReportFormat('en'),
    t,
    inFleet,
    onsigninended: vi.fn(),
  });
}

const passwordField = () => screen.getByLabelText('Password') as HTMLInputElement;
const roleField = () => screen.getByLabelText('Reporting role') as HTMLInputElement;

describe("the export panel's unit and hospital scopes", () => {
  it('offers no scope in a kiosk outside a fleet', () => {
    renderPanel(false);
    expect(screen.queryByRole('group', { name: 'Export for' })).toBeNull();
    expect(screen.queryByLabelText('Password')).toBeNull();
  });

  it('asks for a reporting role and password for the unit, sends them once, and empties the password', async () => {
    let finish: (result: ApiResult<FleetExportResult>) => void = () => undefined;
    const kiosk = stubKiosk({ exportFleetUsage: () => new Promise((resolve) => (finish = resolve)) });
    renderPanel(true);
    expect(screen.getByLabelText('Events: guides, slides, timers and help presses')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'This unit' }));

    // Sessions as CSV only: the kiosk's own choices of what and format go, the separator stays.
    expect(screen.queryByLabelText('Events: guides, slides, timers and help presses')).toBeNull();
    expect(screen.getByLabelText(/^Semicolon \(;\)/)).toBeTruthy();
    expect(screen.getByText(reportsEn.export.fleet.unit('February 1 – 28, 2026'))).toBeTruthy();
    expect(passwordField().type).toBe('password');
    expect(passwordField().autocomplete).toBe('off');
    expect(roleField().autocomplete).toBe('off');
    expect(passwordField().getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText(reportsEn.export.fleet.credentialsNote)).toBeTruthy();

    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(screen.getByRole('status').textContent).toBe(reportsEn.export.fleet.missing);
    expect(kiosk.exportFleetUsage).not.toHaveBeenCalled();

    await fireEvent.input(roleField(), { target: { value: ' kiosk_fleet_r_quality ' } });
    await fireEvent.input(passwordField(), { target: { value: 's3cret pass' } });
    await fireEvent.click(screen.getByLabelText(/^Semicolon \(;\)/));
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(kiosk.exportFleetUsage).toHaveBeenCalledWith({
      staffToken: 'token',
      scope: 'unit',
      from: '2026-02-01',
      to: '2026-02-28',
      separator: ';',
      language: 'en',
      reportingRole: 'kiosk_fleet_r_quality',
      reportingPassword: 's3cret pass',
    });
    expect(passwordField().value).toBe('');
    expect(screen.getByText(reportsEn.export.fleet.running)).toBeTruthy();
    // The hospital export cannot be followed row by row nor cancelled half-way; the scope waits meanwhile.
    expect(screen.queryByRole('button', { name: 'Cancel the export' })).toBeNull();
    expect((screen.getByRole('button', { name: 'Whole hospital' }) as HTMLButtonElement).disabled).toBe(true);

    finish({ ok: true, value: { outcome: 'written', scope: 'unit', fileName: '/home/kiosk/unit.csv', rows: 1234 } });
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Done: 1,234 rows saved to /home/kiosk/unit.csv.'),
    );
    expect(roleField().value).toBe(' kiosk_fleet_r_quality ');
  });

  it('says why no file was written, in Spanish too', async () => {
    const kiosk = stubKiosk({ exportFleetUsage: () => ok({ outcome: 'not-written', reason: 'refused' }) });
    renderPanel(true);
    await fireEvent.click(screen.getByRole('button', { name: 'Whole hospital' }));
    await fireEvent.input(roleField(), { target: { value: 'kiosk_fleet_k_0123456789' } });
    await fireEvent.input(passwordField(), { target: { value: 'kiosk password' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(kiosk.exportFleetUsage).toHaveBeenCalledWith(expect.objectContaining({ scope: 'hospital' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(reportsEn.export.fleet.problems.refused));
    expect(screen.getByRole('status').classList.contains('problem')).toBe(true);
    document.body.innerHTML = '';

    stubKiosk({ exportFleetUsage: () => ok({ outcome: 'not-written', reason: 'unavailable' }) });
    renderPanel(true, reportsEs);
    await fireEvent.click(screen.getByRole('button', { name: 'Todo el hospital' }));
    expect(screen.getByText(reportsEs.export.fleet.credentialsNote)).toBeTruthy();
    await fireEvent.input(screen.getByLabelText('Rol de informes'), { target: { value: 'r' } });
    await fireEvent.input(screen.getByLabelText('Contraseña'), { target: { value: 'p' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Exportar' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'La exportación de la unidad y del hospital solo está disponible en el propio quiosco.',
      ),
    );
  });
});
