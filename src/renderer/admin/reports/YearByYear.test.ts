import { render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { UsageHistory } from '../../../shared/domain';
import type { ApiResult } from '../../../shared/errors';
import { fails, ok, stubKiosk } from '../../testing/stub-kiosk';
import { AdminCall } from '../admin-call.svelte';
import { ReportFormat } from './report-format';
import { reportsEn } from './reports-messages';
import YearByYear from './YearByYear.svelte';

const history = (roomId: number | null, sessions: number): UsageHistory => ({
  timeZone: 'Europe/Madrid',
  roomId,
  generatedAt: 0,
  years: [
    { year: 2025, sessions: 0, endedSessions: 0, totalSeconds: 0, meanSeconds: null },
    { year: 2026, sessions, endedSessions: sessions, totalSeconds: sessions * 1800, meanSeconds: 1800 },
  ],
  allYears: { sessions, endedSessions: sessions, totalSeconds: sessions * 1800, meanSeconds: 1800 },
});

function renderYears(props: { roomId: number | null; onsigninended?: () => void }) {
  const call = new AdminCall(props.onsigninended ?? vi.fn());
  const view = render(YearByYear, {
    staffToken: 'token',
    roomId: props.roomId,
    roomLabel: props.roomId === null ? 'all rooms' : `Room ${props.roomId}`,
    call,
    format: new ReportFormat('en'),
    t: reportsEn,
  });
  return { ...view, call };
}

const cellsOf = (rowName: string) =>
  within(screen.getByRole('row', { name: new RegExp(`^${rowName}`) }))
    .getAllByRole('cell')
    .map((cell) => cell.textContent);

describe('the year-by-year table', () => {
  it('shows a row per year, a year without sessions too, and the total of all years', async () => {
    const kiosk = stubKiosk({ getUsageHistory: () => ok(history(null, 1234)) });
    renderYears({ roomId: null });
    await screen.findByRole('table', { name: 'Sessions by year, all rooms' });
    expect(kiosk.getUsageHistory).toHaveBeenCalledWith({ staffToken: 'token' });
    expect(cellsOf('2025')).toEqual(['0', '0 min', '–']);
    expect(cellsOf('2026')).toEqual(['1,234', '617 hours', '30 min']);
    expect(cellsOf('All years')).toEqual(['1,234', '617 hours', '30 min']);
  });

  it('asks again for the room chosen, and shows only the newest answer', async () => {
    let answerFirst: (result: ApiResult<UsageHistory>) => void = () => undefined;
    const answers = [
      () => new Promise<ApiResult<UsageHistory>>((resolve) => (answerFirst = resolve)),
      () => ok(history(2, 7)),
    ];
    const kiosk = stubKiosk({ getUsageHistory: () => answers.shift()!() });
    const view = renderYears({ roomId: null });
    await view.rerender({ roomId: 2, roomLabel: 'Room 2' });
    await screen.findByRole('table', { name: 'Sessions by year, Room 2' });
    expect(kiosk.getUsageHistory).toHaveBeenLastCalledWith({ staffToken: 'token', roomId: 2 });
    answerFirst({ ok: true, value: history(null, 1234) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(cellsOf('All years')[0]).toBe('7');
  });

  it('says so when there are no sessions yet', async () => {
    stubKiosk({ getUsageHistory: () => ok({ ...history(null, 0), years: [] }) });
    renderYears({ roomId: null });
    expect(await screen.findByText('No sessions yet.')).toBeTruthy();
  });

  it('hands a lapsed sign-in back to the keypad, and keeps any other refusal for the screen to show', async () => {
    stubKiosk({ getUsageHistory: () => fails('unauthorized') });
    const onsigninended = vi.fn();
    renderYears({ roomId: null, onsigninended });
    await waitFor(() => expect(onsigninended).toHaveBeenCalled());

    stubKiosk({ getUsageHistory: () => fails('internal') });
    const { call } = renderYears({ roomId: null });
    await waitFor(() => expect(call.loadError?.code).toBe('internal'));
  });
});
