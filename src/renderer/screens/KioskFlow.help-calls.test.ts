import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { StaffSignIn, UnitHelpCall } from '../../shared/domain';
import { chime } from '../lib/chime';
import { kioskClock } from '../lib/kiosk-clock.svelte';
import { kioskStatus, NOW, ok, stubKiosk, threeRooms } from '../testing/stub-kiosk';
import KioskFlow from './KioskFlow.svelte';

const TOKEN = 'c'.repeat(43);
const nurse: StaffSignIn = { staffToken: TOKEN, staffNumber: '42', role: 'nurse', expiresAt: 0 };
const CALL: UnitHelpCall = {
  kioskId: 'kiosk_fleet_k_0a1b2c3d4e',
  localId: 7,
  kioskName: '4 West',
  unit: 'Maternity',
  roomName: 'Room 3',
  raisedAt: NOW - 30_000,
  receivedAt: NOW - 29_000,
  late: false,
};

async function signInOnKeypad(): Promise<void> {
  const keys = () => screen.getByRole('group', { name: 'Number keys' });
  for (const digit of '42') await fireEvent.click(within(keys()).getByRole('button', { name: digit }));
  await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
  for (const digit of '2468') await fireEvent.click(within(keys()).getByRole('button', { name: digit }));
  await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('help calls from the other kiosks of the unit', () => {
  it('shows a call on the board with a chime until a nurse signs in and answers it', async () => {
    const play = vi.spyOn(chime, 'play').mockImplementation(() => undefined);
    let open = [CALL];
    const api = stubKiosk({
      listRooms: () => ok(threeRooms),
      listUnitHelpCalls: () => ok(open),
      signIn: () => ok(nurse),
      signOut: () => ok({ signedOut: true }),
      answerUnitHelpCall: () => {
        open = [];
        return ok({ answeredAt: NOW });
      },
    });
    kioskClock.sync(NOW);
    render(KioskFlow, { status: kioskStatus({ inFleet: true, chimeVolume: 70 }), onstatuschange: vi.fn() });
    const banner = await screen.findByTestId('unit-calls');
    expect(banner.textContent).toContain('Room 3 needs a nurse (4 West)');
    expect(play).toHaveBeenCalledTimes(1);
    expect(play).toHaveBeenCalledWith(70);

    await fireEvent.click(within(banner).getByRole('button', { name: 'Answer' }));
    expect(screen.getByText('To answer the call from Room 3')).toBeTruthy();
    await signInOnKeypad();
    await fireEvent.click(await screen.findByRole('button', { name: 'I’m going' }));
    await vi.waitFor(() =>
      expect(api.answerUnitHelpCall).toHaveBeenCalledWith({
        staffToken: TOKEN,
        kioskId: CALL.kioskId,
        localId: 7,
      }),
    );
    await screen.findByText('The call from Room 3 is answered on every kiosk.');
    expect(screen.queryByTestId('unit-calls')).toBeNull();
    // The same call read again is not new: no second chime.
    expect(play).toHaveBeenCalledTimes(1);
    play.mockRestore();
  });

  it('a kiosk in no fleet never asks for unit calls', async () => {
    const api = stubKiosk({ listRooms: () => ok(threeRooms) });
    render(KioskFlow, { status: kioskStatus({ inFleet: false }), onstatuschange: vi.fn() });
    await screen.findByRole('button', { name: /^Room 1 Free/ });
    expect(api.listUnitHelpCalls).not.toHaveBeenCalled();
  });
});
