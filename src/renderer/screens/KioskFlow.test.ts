import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import type { StaffSignIn } from '../../shared/domain';
import { locale } from '../lib/i18n/locale.svelte';
import { kioskClock } from '../lib/kiosk-clock.svelte';
import { staffSession } from '../lib/staff-session.svelte';
import { fails, kioskStatus, NOW, ok, stubKiosk, threeRooms } from '../testing/stub-kiosk';
import KioskFlow from './KioskFlow.svelte';

const TOKEN = 'b'.repeat(43);
const nurse: StaffSignIn = { staffToken: TOKEN, staffNumber: '42', role: 'nurse', expiresAt: 0 };

/** Lets pending kiosk answers and Svelte updates land, without moving the fake clock. */
async function settle(): Promise<void> {
  if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(0);
  await tick();
}

async function signInOnKeypad(): Promise<void> {
  // The PIN step has its own keypad: look the keys up again for each step.
  const keys = () => screen.getByRole('group', { name: 'Number keys' });
  for (const digit of '42') await fireEvent.click(within(keys()).getByRole('button', { name: digit }));
  await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
  for (const digit of '2468') await fireEvent.click(within(keys()).getByRole('button', { name: digit }));
  await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
  await settle();
}

function showFlow(signOutAfterSeconds = 120) {
  kioskClock.sync(NOW);
  return render(KioskFlow, { status: kioskStatus({ signOutAfterSeconds }), onstatuschange: vi.fn() });
}

describe('KioskFlow', () => {
  it('keeps the staff token in memory only, and ends it when a quiet staff screen returns to the board', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const storage = vi.spyOn(Storage.prototype, 'setItem');
    const api = stubKiosk({
      listRooms: () => ok(threeRooms),
      signIn: () => ok(nurse),
      signOut: () => ok({ signedOut: true }),
    });
    showFlow(60);
    await settle();
    await fireEvent.click(await vi.waitFor(() => screen.getByRole('button', { name: /^Room 1 Free/ })));
    await signInOnKeypad();
    await vi.waitFor(() => screen.getByRole('heading', { level: 2, name: 'Start a session in Room 1' }));
    expect(staffSession.token).toBe(TOKEN);
    expect(storage).not.toHaveBeenCalled();
    expect(document.cookie).toBe('');

    // Touches keep it open...
    await vi.advanceTimersByTimeAsync(50_000);
    await fireEvent.pointerDown(screen.getByRole('heading', { level: 2 }));
    await vi.advanceTimersByTimeAsync(50_000);
    expect(screen.getByRole('heading', { level: 2, name: 'Start a session in Room 1' })).toBeTruthy();
    expect(api.signOut).not.toHaveBeenCalled();

    // ...a quiet minute ends it.
    await vi.advanceTimersByTimeAsync(10_000);
    await settle();
    expect(screen.queryByRole('heading', { level: 2, name: 'Start a session in Room 1' })).toBeNull();
    expect(screen.getByText('Staff were signed out because the screen was not touched for a while.')).toBeTruthy();
    expect(api.signOut).toHaveBeenCalledWith({ staffToken: TOKEN });
    expect(staffSession.signedIn).toBe(false);
  });

  it('cancelling a staff screen signs out at once', async () => {
    const api = stubKiosk({
      listRooms: () => ok(threeRooms),
      signIn: () => ok(nurse),
      signOut: () => ok({ signedOut: true }),
    });
    showFlow();
    await fireEvent.click(await screen.findByRole('button', { name: 'Staff' }));
    await signInOnKeypad();
    expect(await screen.findByRole('heading', { level: 2, name: 'Staff menu' })).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('button', { name: /^Room 1 Free/ })).toBeTruthy();
    expect(api.signOut).toHaveBeenCalledWith({ staffToken: TOKEN });
  });

  it('hands over to the parent: the core ended the token, so nothing is left signed in', async () => {
    const api = stubKiosk({
      listRooms: () => ok(threeRooms),
      signIn: () => ok(nurse),
      startSession: () =>
        ok({
          id: '6f1c3b9e-1d2a-4c5b-8e7f-9a0b1c2d3e4f',
          roomId: 1,
          kind: 'breastfeeding',
          language: 'es',
          startedAt: NOW,
        }),
      getContent: () => fails('internal'),
    });
    showFlow();
    await fireEvent.click(await screen.findByRole('button', { name: /^Room 1 Free/ }));
    await signInOnKeypad();
    await fireEvent.click(await screen.findByRole('radio', { name: /^Breastfeeding/ }));
    await fireEvent.click(screen.getByRole('radio', { name: 'Español' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Start the session' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Room 1' })).toBeTruthy();
    expect(api.startSession).toHaveBeenCalledWith({
      staffToken: TOKEN,
      roomId: 1,
      kind: 'breastfeeding',
      language: 'es',
    });
    expect(staffSession.signedIn).toBe(false);
    expect(api.signOut).not.toHaveBeenCalled();
    // The hub opens in the parent's language.
    expect(locale.language).toBe('es');
  });

  it('waits for the nurse to choose the parent’s language: nothing is chosen for her', async () => {
    const api = stubKiosk({
      listRooms: () => ok(threeRooms),
      signIn: () => ok(nurse),
      startSession: () =>
        ok({ id: '6f1c3b9e-1d2a-4c5b-8e7f-9a0b1c2d3e4f', roomId: 1, kind: 'pumping', language: 'en', startedAt: NOW }),
      getContent: () => fails('internal'),
    });
    showFlow();
    await fireEvent.click(await screen.findByRole('button', { name: /^Room 1 Free/ }));
    await signInOnKeypad();
    const languages = await screen.findAllByRole('radio', { name: /English|Español/ });
    expect(languages.map((radio) => (radio as HTMLInputElement).checked)).toEqual([false, false]);
    await fireEvent.click(screen.getByRole('radio', { name: /^Pumping/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'Start the session' }));
    expect(await screen.findByText('Please choose the parent’s language.')).toBeTruthy();
    expect(api.startSession).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole('radio', { name: 'English' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Start the session' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Room 1' })).toBeTruthy();
    expect(api.startSession).toHaveBeenCalledWith({ staffToken: TOKEN, roomId: 1, kind: 'pumping', language: 'en' });
  });
});
