import type { ParsedInput } from '../../../shared/contract';
import type { Clock } from '../clock';
import type { KioskLogger } from './kiosk-logger';
import { hidePageSecrets } from './log-text';

/** A broken screen can fail on every frame; the log keeps the first few of each minute and counts the rest. */
export const PROBLEMS_PER_MINUTE = 20;
const MINUTE_MS = 60_000;

export interface RendererProblems {
  /** Writes one problem the screen reported; answers false when this minute's allowance is spent. */
  report(problem: ParsedInput<'reportProblem'>): boolean;
}

/**
 * The screen's failures in the kiosk's log, as errors: a kiosk whose screen throws is broken even if it looks fine.
 * Text from the page is untrusted and may hold what a parent or nurse typed, so digit runs (PINs, badge numbers,
 * phone numbers) and anything named like a secret are hidden before it is written.
 */
export function createRendererProblems(logger: KioskLogger, clock: Clock): RendererProblems {
  let windowStart: number | null = null;
  let written = 0;
  let dropped = 0;

  return {
    report(problem) {
      const now = clock.monotonic();
      if (windowStart === null || now - windowStart >= MINUTE_MS) {
        if (dropped > 0) logger.warn?.(`renderer problem: ${dropped} more in the last minute were not written`);
        windowStart = now;
        written = 0;
        dropped = 0;
      }
      if (written >= PROBLEMS_PER_MINUTE) {
        dropped += 1;
        return false;
      }
      written += 1;
      const screen = problem.screen ? ` on ${problem.screen}` : '';
      const where = problem.where ? ` at ${hidePageSecrets(problem.where)}` : '';
      logger.error(
        `renderer problem (${problem.kind}${screen}): ${hidePageSecrets(problem.message)}${where}`,
        problem.stack ? hidePageSecrets(problem.stack) : undefined,
      );
      return true;
    },
  };
}
