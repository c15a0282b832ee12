import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { DIM_AFTER_MS, screenDimmer } from '../lib/screen-dimmer.svelte';
import { fails, NOW, stubKiosk } from '../testing/stub-kiosk';
import ParentHubScreen from './ParentHubScreen.svelte';

const session = {
  id: '6f1c3b9e-1d2a-4c5b-8e7f-9a0b1c2d3e4f',
  roomId: 1,
  roomName: 'Room 1',
  kind: 'pumping',
  language: 'en',
  startedAt: NOW,
} as const;

describe('ParentHubScreen', () => {
  it('dims after a few quiet minutes, never times out, and the first touch only wakes it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    // Content that cannot load: the hub shows a "Try again" button, something to (not) press through the dimmer.
    const api = stubKiosk({ getContent: () => fails('internal') });
    const onDone = vi.fn();
    const onLeave = vi.fn();
    render(ParentHubScreen, { session, onDone, onLeave });
    await vi.advanceTimersByTimeAsync(0);
    const retry = await vi.waitFor(() => screen.getByRole('button', { name: 'Try again' }));
    expect(screenDimmer.dimmed).toBe(false);

    await vi.advanceTimersByTimeAsync(DIM_AFTER_MS - 1_000);
    expect(screen.queryByRole('button', { name: 'Touch the screen to brighten it' })).toBeNull();
    await vi.advanceTimersByTimeAsync(1_000);
    await tick();
    const wake = screen.getByRole('button', { name: 'Touch the screen to brighten it' });

    // Much later it is still the hub, only dim: a session screen never times out.
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(screen.getByRole('heading', { level: 1, name: 'Room 1' })).toBeTruthy();
    expect(onDone).not.toHaveBeenCalled();
    expect(onLeave).not.toHaveBeenCalled();

    const contentCalls = api.getContent.mock.calls.length;
    await fireEvent.click(wake);
    await tick();
    expect(screen.queryByRole('button', { name: 'Touch the screen to brighten it' })).toBeNull();
    expect(api.getContent.mock.calls.length).toBe(contentCalls);

    // Dim again; a key wakes it and goes no further.
    await vi.advanceTimersByTimeAsync(DIM_AFTER_MS);
    await tick();
    expect(screenDimmer.dimmed).toBe(true);
    const reachedHub = vi.fn();
    retry.addEventListener('keydown', reachedHub);
    await fireEvent.keyDown(retry, { key: 'Enter' });
    await tick();
    expect(screenDimmer.dimmed).toBe(false);
    expect(reachedHub).not.toHaveBeenCalled();
  });

  it('a timer finishing just before the screen would dim keeps it bright for the full quiet minutes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    stubKiosk({ getContent: () => fails('internal') });
    render(ParentHubScreen, { session, onDone: vi.fn(), onLeave: vi.fn() });
    await vi.advanceTimersByTimeAsync(0);
    screenDimmer.reset();

    await vi.advanceTimersByTimeAsync(DIM_AFTER_MS - 1_000);
    // A warm compress finished: its notice asks for the parent's attention.
    screenDimmer.wake();
    await tick();
    await vi.advanceTimersByTimeAsync(DIM_AFTER_MS - 1_000);
    await tick();
    expect(screenDimmer.dimmed).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    await tick();
    expect(screenDimmer.dimmed).toBe(true);
  });
});
