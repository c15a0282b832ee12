import { describe, expect, it } from 'vitest';
import { runCrashTrials, seededRandom } from './crash-trials';

/** Fixed, so a failure here can be replayed: npm run crash-trials -- --trials 20 --seed 20260301 */
const SEED = 20260301;
const TRIALS = 20;

describe('crash durability', () => {
  it(`keeps every acknowledged write through ${TRIALS} kills with SIGKILL at random moments`, async () => {
    const results = await runCrashTrials({ trials: TRIALS, seed: SEED, lanes: 2 });
    expect(results).toHaveLength(TRIALS);
    const failures = results.filter((result) => result.problems.length > 0);
    expect(failures, JSON.stringify(failures, null, 2)).toEqual([]);
    // The trials must have killed a child mid-way through real work, not only idle ones.
    expect(results.reduce((sum, result) => sum + result.acknowledged, 0)).toBeGreaterThan(TRIALS);
    expect(results.some((result) => result.killedBeforeReady)).toBe(true);
  }, 180_000);

  it('draws the same kill plan from the same seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const drawn = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(drawn);
    expect(new Set(drawn).size).toBe(5);
    expect(drawn.every((value) => value >= 0 && value < 1)).toBe(true);
  });
});
