import { render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { RemoteRoomsAnswer } from '../../shared/remote-rooms';
import { locale } from '../lib/i18n/locale.svelte';
import { kioskClock } from '../lib/kiosk-clock.svelte';
import { NOW, ok, stubKiosk } from '../testing/stub-kiosk';
import RemoteRooms from './RemoteRooms.svelte';

const MINUTE = 60_000;
const twoKiosks: RemoteRoomsAnswer = {
  status: 'shown',
  readAt: NOW - 1_000,
  centreLostSince: null,
  kiosks: [
    {
      kioskName: 'West corridor',
      rooms: [
        { roomId: 1, name: 'Room 1', state: 'occupied', since: NOW - 12 * MINUTE, asOf: NOW - 2 * MINUTE },
        { roomId: 2, name: 'Room 2', state: 'free', since: null, asOf: NOW - 10_000 },
      ],
    },
    {
      kioskName: 'East corridor',
      rooms: [{ roomId: 1, name: 'Room 5', state: 'needs-cleaning', since: NOW - 5 * MINUTE, asOf: NOW - 10_000 }],
    },
  ],
};

/** A remote room's state line as read aloud: its label and age. */
const stateOf = (within: HTMLElement, room: string) =>
  [...within.querySelectorAll('.remote-tile')]
    .find((tile) => tile.querySelector('.name')?.textContent === room)
    ?.querySelector('.state')
    ?.textContent?.replace(/\s+/g, ' ')
    .trim();

function show(answer: RemoteRoomsAnswer) {
  kioskClock.sync(NOW);
  stubKiosk({ getRemoteRooms: () => ok(answer) });
  return render(RemoteRooms, { everyMs: 60_000 });
}

afterEach(() => locale.reset());

describe('RemoteRooms', () => {
  it("groups other screens' rooms under their names with state, age and how old the news is, and offers no button", async () => {
    show(twoKiosks);
    const west = (await screen.findByRole('heading', { name: 'Screen: West corridor' })).parentElement!;
    expect(stateOf(west, 'Room 1')).toBe('Occupied · 12 min');
    expect(within(west).getByText('as of 2 min ago')).toBeTruthy();
    // A state whose start the home kiosk cannot tell: the state alone.
    expect(within(west).getByText('Free')).toBeTruthy();
    const east = screen.getByRole('heading', { name: 'Screen: East corridor' }).parentElement!;
    expect(stateOf(east, 'Room 5')).toBe('Needs cleaning · 5 min');
    expect(within(east).getByText('as of now')).toBeTruthy();
    expect(screen.getByText('View only: use the screen at each room')).toBeTruthy();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('says since when the view is old while the hospital database cannot be reached, and keeps the rooms', async () => {
    show({ ...twoKiosks, readAt: Date.UTC(2024, 4, 1, 3, 12), centreLostSince: NOW - MINUTE });
    const status = await screen.findByRole('status');
    // The kiosk's local zone prints the hour; the sentence is what matters.
    expect(status.textContent?.trim()).toMatch(
      /^Other rooms as of \d\d:12: the hospital database cannot be reached\.$/,
    );
    expect(stateOf(document.body, 'Room 1')).toBe('Occupied · 12 min');
    // Never "as of now" beside the warning: the clock time of the news instead.
    expect(screen.queryByText('as of now')).toBeNull();
    expect(screen.getAllByText(/^as of \d\d:\d\d$/)).toHaveLength(3);
  });

  it('says it cannot show them when the database was never reached since the kiosk started', async () => {
    show({ status: 'shown', kiosks: [], readAt: null, centreLostSince: NOW - MINUTE });
    expect((await screen.findByRole('status')).textContent).toMatch(/can’t be shown.*cannot be reached \(since/);
  });

  it('shows nothing on a kiosk in no fleet, or alone in its unit', async () => {
    show({ status: 'none' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByRole('heading')).toBeNull();
    show({ status: 'shown', kiosks: [], readAt: NOW, centreLostSince: null });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByRole('heading')).toBeNull();
  });

  it('speaks Spanish', async () => {
    await locale.set('es');
    show(twoKiosks);
    expect(await screen.findByRole('heading', { name: 'Otras salas de esta unidad' })).toBeTruthy();
    expect(stateOf(document.body, 'Room 1')).toBe('Ocupada · 12 min');
    expect(screen.getByText('datos de hace 2 min')).toBeTruthy();
  });
});
