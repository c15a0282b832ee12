/** After a reload the kiosk comes back where the parent was (screen-memory.ts); staff screens never do. */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { StaffSignIn } from '../../shared/domain';
import { kioskClock } from '../lib/kiosk-clock.svelte';
import { locale } from '../lib/i18n/locale.svelte';
import { navigation } from '../lib/navigation.svelte';
import { recallHub, rememberHub, rememberPlace } from '../lib/screen-memory';
import { clearContentCache } from '../parent/content-cache';
import { packs } from '../parent/testing/content-fixture';
import { kioskStatus, NOW, ok, stubKiosk, threeRooms } from '../testing/stub-kiosk';
import KioskFlow from './KioskFlow.svelte';

const OPEN_SESSION = threeRooms[1]!.session!.id;
const ENDED_SESSION = '6f1c2a4e-8b3d-4e5f-9a7b-1c2d3e4f5a6b';

function stubHub() {
  clearContentCache();
  const api = stubKiosk({
    listRooms: () => ok(threeRooms),
    getKioskStatus: () => ok(kioskStatus()),
    getIllustrations: () => ok({}),
    recordSessionEvent: () => ok({ recorded: true as const }),
    signIn: () => ok({ staffToken: 'b'.repeat(43), staffNumber: '42', role: 'nurse', expiresAt: 0 } as StaffSignIn),
    signOut: () => ok({ signedOut: true as const }),
  });
  api.getContent.mockImplementation(({ language }) => ok(packs[language]));
  return api;
}

/** A reload, as far as the renderer can tell: a fresh KioskFlow over whatever sessionStorage holds. */
function reload() {
  kioskClock.sync(NOW);
  return render(KioskFlow, { status: kioskStatus(), onstatuschange: vi.fn() });
}

describe('KioskFlow after a reload', () => {
  it('reopens the hub of a session that is still open, on the guide and page, in the language being read', async () => {
    const api = stubHub();
    rememberHub(OPEN_SESSION, 'en');
    rememberPlace(OPEN_SESSION, { section: 'positions', guide: 'cradle', page: 3 });
    rememberHub(OPEN_SESSION, 'es');
    reload();

    expect(await screen.findByRole('heading', { level: 2, name: 'Posición de cuna' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Room 2' })).toBeTruthy();
    expect(screen.getAllByText('Paso 3 de 5').length).toBeGreaterThan(0);
    expect(locale.language).toBe('es');
    // Reopening is not a new view nor a language switch: nothing is recorded for it.
    expect(api.recordSessionEvent).not.toHaveBeenCalled();
    expect(navigation.screen.name).toBe('parent-hub');
  });

  it('shows the board, and forgets, when the session has ended meanwhile', async () => {
    stubHub();
    rememberHub(ENDED_SESSION, 'en');
    reload();
    expect(await screen.findByRole('button', { name: /^Room 1 Free/ })).toBeTruthy();
    expect(navigation.screen.name).toBe('board');
    expect(recallHub()).toBeNull();
  });

  it('remembers the hub while it is open and forgets it on the board; staff screens are never remembered', async () => {
    stubHub();
    reload();
    await fireEvent.click(await screen.findByRole('button', { name: /^Room 2 Occupied/ }));
    await fireEvent.click(screen.getByRole('button', { name: /^Continue this session/ }));
    // The seeded session is in Spanish: the hub opens in its language.
    await screen.findByRole('heading', { name: '¿Qué desea hacer?' });
    expect(recallHub()).toMatchObject({ sessionId: OPEN_SESSION, section: null });
    await fireEvent.click(await screen.findByRole('button', { name: /^Posiciones para amamantar/ }));
    expect(recallHub()).toMatchObject({ section: 'positions' });

    await fireEvent.click(screen.getByRole('button', { name: 'Volver' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Todas las salas' }));
    await screen.findByRole('button', { name: /^Room 1 Free/ });
    expect(recallHub()).toBeNull();

    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    await fireEvent.click(screen.getByRole('button', { name: 'Staff' }));
    const keys = () => screen.getByRole('group', { name: 'Number keys' });
    for (const digit of '42') await fireEvent.click(within(keys()).getByRole('button', { name: digit }));
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    for (const digit of '2468') await fireEvent.click(within(keys()).getByRole('button', { name: digit }));
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Staff menu' })).toBeTruthy();
    expect(setItem).not.toHaveBeenCalled();
    expect(recallHub()).toBeNull();
  });
});
