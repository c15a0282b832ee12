import { describe, expect, it } from 'vitest';
import { BRIDGE_MAX_DELAY_MS, runBridgeCrashTrials, runCrashTrials, type CrashTrialResult } from './crash-trials';
import { seededRandom } from './seeded-random';

/** Fixed, so a failure here can be replayed: npm run crash-trials -- --trials 20 --seed 20260301 */
const SEED = 20260301;
const TRIALS = 20;
/** Each bridge trial starts a whole bridge process: fewer of them (npm run crash-trials -- --bridge for more). */
const BRIDGE_TRIALS = 6;

function expectAllKept(results: CrashTrialResult[], trials: number): void {
  expect(results).toHaveLength(trials);
  const failures = results.filter((result) => result.problems.length > 0);
  expect(failures, JSON.stringify(failures, null, 2)).toEqual([]);
  // The trials must have killed mid-way through real work, the admin's included, not only idle processes.
  expect(results.reduce((sum, result) => sum + result.acknowledged, 0)).toBeGreaterThan(trials);
  expect(results.reduce((sum, result) => sum + result.adminWrites, 0)).toBeGreaterThan(0);
}

describe('crash durability', () => {
  it(`keeps every acknowledged write through ${TRIALS} kills with SIGKILL at random moments, and starts again`, async () => {
    const results = await runCrashTrials({ trials: TRIALS, seed: SEED, lanes: 2 });
    expectAllKept(results, TRIALS);
    expect(results.some((result) => result.killedBeforeReady)).toBe(true);
  }, 180_000);

  it(`keeps every write the bridge answered ok through ${BRIDGE_TRIALS} kills of the bridge process`, async () => {
    const results = await runBridgeCrashTrials({
      trials: BRIDGE_TRIALS,
      seed: SEED,
      lanes: 2,
      // Each call crosses HTTP: a longer window, so a busy machine still kills mid-way through real work.
      maxKillDelayMs: BRIDGE_MAX_DELAY_MS,
    });
    expectAllKept(results, BRIDGE_TRIALS);
  }, 120_000);

  it('draws the same kill plan from the same seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const drawn = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(drawn);
    expect(new Set(drawn).size).toBe(5);
    expect(drawn.every((value) => value >= 0 && value < 1)).toBe(true);
  });
});
