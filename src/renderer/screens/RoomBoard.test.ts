import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { locale } from '../lib/i18n/locale.svelte';
import { kioskClock } from '../lib/kiosk-clock.svelte';
import { fails, NOW, ok, stubKiosk, threeRooms } from '../testing/stub-kiosk';
import RoomBoard from './RoomBoard.svelte';
import { BOARD_TICK_MS } from './room-board-timing';

function showBoard() {
  kioskClock.sync(NOW);
  return render(RoomBoard, { kioskName: 'Maternity, 3rd floor' });
}

describe('RoomBoard in English', () => {
  it('shows the kiosk name, the time and one button per room with its state in words', async () => {
    stubKiosk({ listRooms: () => ok(threeRooms) });
    showBoard();

    expect(screen.getByRole('heading', { level: 1, name: 'Maternity, 3rd floor' })).toBeTruthy();
    expect(screen.getByText('14:28').tagName).toBe('TIME');
    expect(await screen.findByRole('button', { name: 'Room 1 Free Tap to start a session' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Room 2 Occupied Since 14:05 23 min Pumping' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Room 3 Needs cleaning Staff will clean it soon' })).toBeTruthy();
  });

  it('never shows anything about the session beyond its start, length and kind', async () => {
    stubKiosk({ listRooms: () => ok(threeRooms) });
    showBoard();
    const occupied = await screen.findByRole('button', { name: /Room 2/ });
    const session = threeRooms[1]?.session;
    expect(occupied.textContent).not.toContain(session?.id);
    expect(occupied.textContent).not.toMatch(/español|spanish|\bes\b/i);
  });

  it('explains a tap on a tile in a polite status message', async () => {
    stubKiosk({ listRooms: () => ok(threeRooms) });
    showBoard();
    await fireEvent.click(await screen.findByRole('button', { name: /Room 1/ }));
    const notice = screen.getByText('Room 1 is free. Please ask a nurse to start your session.');
    expect(notice.closest('[role="status"]')).toBeTruthy();
  });

  it('says calmly that there are no rooms yet', async () => {
    stubKiosk({ listRooms: () => ok([]) });
    showBoard();
    expect(await screen.findByRole('heading', { name: 'No rooms are set up yet' })).toBeTruthy();
    expect(screen.getByText('Ask an administrator.')).toBeTruthy();
    expect(screen.queryAllByRole('listitem')).toHaveLength(0);
  });

  it('shows a kind message and a way to try again when the rooms cannot be read', async () => {
    const api = stubKiosk({ listRooms: () => fails('storage-unavailable') });
    showBoard();
    expect(await screen.findByRole('heading', { name: 'The rooms can’t be shown right now' })).toBeTruthy();
    expect(screen.getByText(/can’t save or read its information right now/)).toBeTruthy();
    expect(screen.queryByText(/test storage-unavailable/)).toBeNull();

    api.listRooms.mockImplementation(() => ok(threeRooms));
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: /Room 1 Free/ })).toBeTruthy();
  });
});

describe('RoomBoard in Spanish', () => {
  it('shows every state in natural Spanish', async () => {
    stubKiosk({ listRooms: () => ok(threeRooms) });
    locale.set('es');
    showBoard();

    expect(await screen.findByRole('button', { name: 'Room 1 Sala libre Toque para iniciar una sesión' })).toBeTruthy();
    expect(
      screen.getByRole('button', { name: 'Room 2 Ocupada Desde las 14:05 23 min Sacarse leche con extractor' }),
    ).toBeTruthy();
    expect(
      screen.getByRole('button', { name: 'Room 3 Necesita limpieza El personal hará la limpieza pronto' }),
    ).toBeTruthy();
  });

  it('switches language from the board, each choice labelled in its own language', async () => {
    stubKiosk({ listRooms: () => ok(threeRooms) });
    showBoard();
    await screen.findByRole('button', { name: /Room 1 Free/ });

    const group = screen.getByRole('group', { name: 'Language' });
    const spanish = within(group).getByRole('button', { name: 'Español' });
    expect(spanish.getAttribute('lang')).toBe('es');
    expect(within(group).getByRole('button', { name: 'English' }).getAttribute('lang')).toBe('en');

    await fireEvent.click(spanish);
    expect(spanish.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: /Room 1 Sala libre/ })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Idioma' })).toBeTruthy();
  });

  it('shows the empty and error states in Spanish', async () => {
    const api = stubKiosk({ listRooms: () => ok([]) });
    locale.set('es');
    const { unmount } = showBoard();
    expect(await screen.findByRole('heading', { name: 'Todavía no hay salas configuradas' })).toBeTruthy();
    expect(screen.getByText('Consulte con un administrador.')).toBeTruthy();
    unmount();

    api.listRooms.mockImplementation(() => fails('internal'));
    showBoard();
    expect(await screen.findByRole('heading', { name: 'Ahora mismo no se pueden mostrar las salas' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Volver a intentarlo' })).toBeTruthy();
  });
});

describe('RoomBoard over time', () => {
  it('refreshes rooms and elapsed minutes on one tick, keeps the last board when a refresh fails, and stops when gone', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(NOW);
    const api = stubKiosk({ listRooms: () => ok(threeRooms) });
    const { unmount } = showBoard();
    expect(await screen.findByText('23 min')).toBeTruthy();
    expect(api.listRooms).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(4 * BOARD_TICK_MS);
    expect(api.listRooms).toHaveBeenCalledTimes(5);
    expect(screen.getByText('24 min')).toBeTruthy();
    expect(screen.getByText('14:29').tagName).toBe('TIME');

    api.listRooms.mockImplementation(() => fails('internal'));
    await vi.advanceTimersByTimeAsync(BOARD_TICK_MS);
    expect(screen.getByText('Couldn’t update the board. This is how it looked at 14:29.')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Room 2 Occupied/ })).toBeTruthy();

    unmount();
    await vi.advanceTimersByTimeAsync(10 * BOARD_TICK_MS);
    expect(api.listRooms).toHaveBeenCalledTimes(6);
  });
});
