import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import App from './App.svelte';
import { fails, kioskStatus as status, ok, stubKiosk, threeRooms } from './testing/stub-kiosk';

const html = document.documentElement;

describe('App', () => {
  it('loads the kiosk status, then shows the room board', async () => {
    stubKiosk({ getKioskStatus: () => ok(status()), listRooms: () => ok(threeRooms) });
    render(App);
    expect(await screen.findByRole('button', { name: /Room 2 Occupied Since 14:05/ })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Maternity, 3rd floor' })).toBeTruthy();
    expect(document.title).toBe('Maternity, 3rd floor');
  });

  it('starts in the kiosk’s default language and keeps <html lang> in step', async () => {
    stubKiosk({ getKioskStatus: () => ok(status({ defaultLanguage: 'es' })), listRooms: () => ok(threeRooms) });
    render(App);
    expect(await screen.findByRole('button', { name: /Sala libre/ })).toBeTruthy();
    expect(html.lang).toBe('es');

    await fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(html.lang).toBe('en');
    expect(screen.getByRole('button', { name: /Room 1 Free/ })).toBeTruthy();
  });

  it('is dim at night and bright by day, and the toggle overrides the hour', async () => {
    stubKiosk({ getKioskStatus: () => ok(status({ now: Date.UTC(2024, 4, 1, 22, 30) })), listRooms: () => ok([]) });
    render(App);
    const toggle = await screen.findByRole('button', { name: 'Night mode' });
    expect(html.dataset.theme).toBe('night');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');

    await fireEvent.click(toggle);
    expect(html.dataset.theme).toBe('day');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
  });

  // Night theme: the schedule comes from the kiosk's settings.
  it('follows the kiosk’s own night schedule', async () => {
    const at1430 = status({ nightSchedule: { start: '14:00', end: '16:00' } });
    stubKiosk({ getKioskStatus: () => ok(at1430), listRooms: () => ok([]) });
    render(App);
    await screen.findByRole('button', { name: 'Night mode' });
    expect(html.dataset.theme).toBe('night');
  });

  it('uses the day theme in the daytime', async () => {
    stubKiosk({ getKioskStatus: () => ok(status()), listRooms: () => ok([]) });
    render(App);
    await screen.findByRole('button', { name: 'Night mode' });
    expect(html.dataset.theme).toBe('day');
  });

  it('shows first-run setup, and nothing else, until the first administrator exists', async () => {
    const api = stubKiosk({ getKioskStatus: () => ok(status({ setupRequired: true })) });
    render(App);
    // Setup is a chunk of its own, compiled on its first import here: more than the default second on a busy machine.
    expect(await screen.findByRole('heading', { name: 'Set up this kiosk' }, { timeout: 10_000 })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Staff' })).toBeNull();
    expect(api.listRooms).not.toHaveBeenCalled();
  });

  it('shows a kind message with a retry when the status cannot be read', async () => {
    const api = stubKiosk({ getKioskStatus: () => fails('untrusted-sender'), listRooms: () => ok(threeRooms) });
    render(App);
    expect(await screen.findByRole('heading', { name: 'The kiosk is not ready yet' })).toBeTruthy();
    expect(
      screen.getByText('The kiosk could not confirm this request. Please ask IT for help. It keeps trying on its own.'),
    ).toBeTruthy();

    api.getKioskStatus.mockImplementation(() => ok(status()));
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: /Room 1 Free/ })).toBeTruthy();
  });
});
