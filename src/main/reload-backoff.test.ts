import { describe, expect, it } from 'vitest';
import { ReloadBackoff } from './reload-backoff';

describe('ReloadBackoff', () => {
  it('reloads a first crash at once', () => {
    expect(new ReloadBackoff().nextDelay(1_000)).toBe(0);
  });

  it('doubles the wait for crashes in quick succession, up to the ceiling', () => {
    const backoff = new ReloadBackoff({ firstDelayMs: 500, maxDelayMs: 4_000, windowMs: 60_000 });
    const delays = [0, 1, 2, 3, 4, 5, 6].map((second) => backoff.nextDelay(second * 1_000));
    expect(delays).toEqual([0, 500, 1_000, 2_000, 4_000, 4_000, 4_000]);
  });

  it('starts over after a quiet spell longer than the window', () => {
    const backoff = new ReloadBackoff({ firstDelayMs: 500, maxDelayMs: 30_000, windowMs: 60_000 });
    backoff.nextDelay(0);
    backoff.nextDelay(1_000);
    expect(backoff.nextDelay(2_000)).toBe(1_000);
    expect(backoff.nextDelay(200_000)).toBe(0);
  });
});
