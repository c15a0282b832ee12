/**
 * `npm run crash-trials -- [--trials N] [--seed N] [--lanes N] [--max-delay MS] [--bridge]`: more crash trials than
 * the test suite runs (see src/main/core/reliability/crash-trials.ts); `--bridge` kills the browser kiosk's bridge
 * process instead of the in-process worker. Prints one line per trial and a summary; exits 1 if any trial found a
 * problem.
 */
import { readFlag } from '../main/core/data-folder';
import { BRIDGE_MAX_DELAY_MS, runBridgeCrashTrials, runCrashTrials } from '../main/core/reliability/crash-trials';

function numberFlag(name: string, fallback: number): number {
  let raw: string | undefined;
  try {
    raw = readFlag(process.argv.slice(2), `--${name}`);
  } catch (error) {
    console.error(`crash-trials: ${(error as Error).message}`);
    process.exit(2);
  }
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`crash-trials: --${name} must be a whole number, got "${raw}"`);
    process.exit(2);
  }
  return value;
}

const trials = numberFlag('trials', 100);
const seed = numberFlag('seed', Date.now() % 1_000_000);
const lanes = numberFlag('lanes', 2);
const bridge = process.argv.includes('--bridge');
const maxKillDelayMs = numberFlag('max-delay', bridge ? BRIDGE_MAX_DELAY_MS : 700);
console.log(
  `crash-trials: ${trials} trials of ${bridge ? 'the bridge process' : 'the in-process worker'}, seed ${seed}, ` +
    `${lanes} lanes, kill within ${maxKillDelayMs} ms of ready`,
);

const started = Date.now();
const run = bridge ? runBridgeCrashTrials : runCrashTrials;
const results = await run({
  trials,
  seed,
  lanes,
  maxKillDelayMs,
  onTrial: (result) => {
    const when = result.killedBeforeReady
      ? `${result.killedAfterMs} ms after start`
      : `${result.killedAfterMs} ms after ready`;
    const verdict = result.problems.length === 0 ? 'ok' : `FAILED\n  ${result.problems.join('\n  ')}`;
    console.log(
      `trial ${String(result.trial + 1).padStart(3)}: killed ${when}, ${result.acknowledged} writes acknowledged ` +
        `(${result.adminWrites} settings and staff), ${result.checked} checked: ${verdict}`,
    );
  },
});
const failed = results.filter((result) => result.problems.length > 0);
const acknowledged = results.reduce((sum, result) => sum + result.acknowledged, 0);
const adminWrites = results.reduce((sum, result) => sum + result.adminWrites, 0);
const lost = results
  .flatMap((result) => result.problems)
  .filter((problem) => /missing|lost|acknowledged last/.test(problem));
const integrity = results
  .flatMap((result) => result.problems)
  .filter((problem) => /integrity_check|foreign_key/.test(problem));
console.log(
  `crash-trials: ${results.length} trials, ${failed.length} failed, ${acknowledged} acknowledged writes ` +
    `(${adminWrites} settings and staff), ${lost.length} lost, integrity ${integrity.length === 0 ? 'ok' : 'FAILED'}, ` +
    `${((Date.now() - started) / 1000).toFixed(1)} s (seed ${seed})`,
);
process.exitCode = failed.length > 0 ? 1 : 0;
