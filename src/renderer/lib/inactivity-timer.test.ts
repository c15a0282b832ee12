import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InactivityTimer, watchInactivity } from './inactivity-timer';

describe('InactivityTimer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  it('fires once, the full time after the start', () => {
    const onIdle = vi.fn();
    const timer = new InactivityTimer(120_000, onIdle);
    timer.start();
    vi.advanceTimersByTime(119_999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    expect(timer.running).toBe(false);
    vi.advanceTimersByTime(500_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('counts from the last poke', () => {
    const onIdle = vi.fn();
    const timer = new InactivityTimer(1_000, onIdle);
    timer.start();
    for (let i = 0; i < 5; i += 1) {
      vi.advanceTimersByTime(900);
      timer.poke();
    }
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('never fires once stopped, and a poke does not restart it', () => {
    const onIdle = vi.fn();
    const timer = new InactivityTimer(1_000, onIdle);
    timer.start();
    timer.stop();
    timer.poke();
    vi.advanceTimersByTime(10_000);
    expect(onIdle).not.toHaveBeenCalled();
  });

  it('refuses a time that is not positive', () => {
    expect(() => new InactivityTimer(0, () => {})).toThrow(RangeError);
    expect(() => new InactivityTimer(Number.NaN, () => {})).toThrow(RangeError);
  });
});

describe('watchInactivity', () => {
  let stop: (() => void) | undefined;

  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    stop?.();
    stop = undefined;
  });

  it('treats touches and keys anywhere as activity, even when a screen stops them', () => {
    const onIdle = vi.fn();
    stop = watchInactivity(window, 60_000, onIdle);
    const button = document.body.appendChild(document.createElement('button'));
    button.addEventListener('pointerdown', (event) => event.stopPropagation());

    vi.advanceTimersByTime(50_000);
    button.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    vi.advanceTimersByTime(50_000);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '5' }));
    vi.advanceTimersByTime(59_999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    button.remove();
  });

  it('stops listening and never fires after it is stopped', () => {
    const onIdle = vi.fn();
    const remove = vi.spyOn(window, 'removeEventListener');
    watchInactivity(window, 1_000, onIdle)();
    expect(remove.mock.calls.map(([type]) => type)).toEqual([
      'pointerdown',
      'keydown',
      'wheel',
      'touchstart',
      'scroll',
    ]);
    vi.advanceTimersByTime(5_000);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
