import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { KioskSettingsView, UsageReport } from '../../../shared/domain';
import type { FleetReport } from '../../../shared/fleet-report';
import { kioskStatus, ok, stubKiosk } from '../../testing/stub-kiosk';
import UsageReports from './UsageReports.svelte';

function kioskReport(request: { from: string; to: string }): UsageReport {
  return {
    ...request,
    timeZone: 'UTC',
    roomId: null,
    rangeStart: 0,
    rangeEnd: 0,
    generatedAt: 0,
    sessions: 9,
    endedSessions: 9,
    duration: { totalSeconds: 9 * 1200, meanSeconds: 1200, medianSeconds: 1200 },
    sessionsPerDay: [{ date: request.to, sessions: 9 }],
    heatMap: Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0)),
    rooms: [],
    kinds: { breastfeeding: 9, pumping: 0, 'hand-expression': 0 },
    endReasons: { completed: 9, 'staff-ended': 0, 'auto-closed': 0, recovered: 0 },
    autoClosedShare: 0,
    languages: { en: 9, es: 0 },
    helpRequests: 0,
    helpCalls: { calls: 0, answered: 0, medianAnswerSeconds: null, p90AnswerSeconds: null },
    guides: [],
    timerPresets: [],
  };
}

const hospital = (request: { from: string; to: string }): FleetReport => ({
  scope: 'hospital',
  unit: null,
  ...request,
  sessions: 1234,
  endedSessions: 1230,
  totalDurationMs: 1230 * 25 * 60_000,
  meanDurationMs: 25 * 60_000,
  mostKiosksInADay: 14,
  sessionsPerDay: [
    { date: request.from, sessions: 34 },
    { date: request.to, sessions: 1200 },
  ],
});

function stubReports(inFleet: boolean) {
  return stubKiosk({
    getKioskStatus: () => ok(kioskStatus({ inFleet })),
    getSettings: () => ok({ timeZone: 'UTC' } as KioskSettingsView),
    listAllRooms: () => ok([{ id: 1, name: 'Room 1', active: true, sortOrder: 1, needsCleaning: false }]),
  });
}

const renderReports = () => render(UsageReports, { kioskName: 'Ward 2', staffToken: 'token', onsigninended: vi.fn() });

describe('the reports scope of a fleet kiosk', () => {
  it('is not offered to a kiosk outside a fleet', async () => {
    const kiosk = stubReports(false);
    kiosk.getUsageReport.mockImplementation((input) => ok(kioskReport(input)));
    renderReports();
    await screen.findAllByText('Closed by the kiosk');
    expect(screen.queryByRole('group', { name: 'Report for' })).toBeNull();
    expect(kiosk.getFleetReport).not.toHaveBeenCalled();
  });

  it("shows the whole hospital's figures for the same dates, said to be UTC days", async () => {
    const kiosk = stubReports(true);
    kiosk.getUsageReport.mockImplementation((input) => ok(kioskReport(input)));
    kiosk.getFleetReport.mockImplementation((input) => ok({ status: 'ready', report: hospital(input) }));
    renderReports();
    const scope = await screen.findByRole('group', { name: 'Report for' });
    await waitFor(() => expect(kiosk.getUsageReport).toHaveBeenCalled());
    expect(screen.getByLabelText('Room')).toBeTruthy();

    await fireEvent.click(within(scope).getByRole('button', { name: 'Whole hospital' }));
    const { from, to } = kiosk.getUsageReport.mock.calls[0]![0];
    expect(kiosk.getFleetReport).toHaveBeenCalledWith({ staffToken: 'token', scope: 'hospital', from, to });
    expect(
      screen.getByText('Unit and hospital figures count whole days in UTC, not in this kiosk’s time zone.'),
    ).toBeTruthy();
    await screen.findByText('1,234');
    expect(screen.getByText('4 still open')).toBeTruthy();
    expect(screen.getByText('25 min')).toBeTruthy();
    expect(screen.getByText('14')).toBeTruthy();
    expect(screen.getByRole('status').textContent?.trim()).toMatch(/\(UTC days\), every kiosk of the hospital\.$/);
    expect(screen.getByRole('img', { name: 'Sessions per day' })).toBeTruthy();
    // Rooms belong to this kiosk's own report, and so does its export.
    expect(screen.queryByLabelText('Room')).toBeNull();
    expect(screen.queryByText('Closed by the kiosk')).toBeNull();
  });

  it('says calmly when the hospital database cannot be reached, tries again, and keeps this kiosk', async () => {
    const kiosk = stubReports(true);
    kiosk.getUsageReport.mockImplementation((input) => ok(kioskReport(input)));
    kiosk.getFleetReport.mockImplementation(() => ok({ status: 'unreachable' }));
    renderReports();
    const scope = await screen.findByRole('group', { name: 'Report for' });
    await fireEvent.click(within(scope).getByRole('button', { name: 'This unit' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'The hospital database cannot be reached now; this kiosk’s own report still works.',
    );
    kiosk.getFleetReport.mockImplementation((input) =>
      ok({ status: 'ready', report: { ...hospital(input), scope: 'unit', unit: 'Maternity' } }),
    );
    await fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent?.trim()).toMatch(/\(UTC days\), unit Maternity\.$/),
    );
    expect(screen.queryByRole('alert')).toBeNull();
    expect(kiosk.getFleetReport.mock.calls.map(([input]) => input.scope)).toEqual(['unit', 'unit']);

    await fireEvent.click(within(scope).getByRole('button', { name: 'This kiosk' }));
    expect(await screen.findAllByText('Closed by the kiosk')).not.toHaveLength(0);
    expect(screen.queryByText(/count whole days in UTC/)).toBeNull();
  });
});
