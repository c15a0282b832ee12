/** How long delivery waits after failures in a row: doubling from `firstMs`, capped at `maxMs`. */
export interface BackoffPolicy {
  firstMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { firstMs: 1_000, maxMs: 5 * 60_000 };

/**
 * The wait before the next try after `failures` failures in a row (1 or more). Jitter takes the wait anywhere between
 * half and all of the step, so a hundred kiosks that lost the centre together do not all come back in the same second.
 */
export function backoffDelay(failures: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxMs, policy.firstMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
  return Math.round(step / 2 + (step / 2) * random());
}
