import type { FeatureHandlers, HandlerContext } from '../handler-types';

/** The screen's own failures, for IT: written to the kiosk's log, never shown and never stored in the database. */
export function problemHandlers({ rendererProblems }: HandlerContext): FeatureHandlers<'reportProblem'> {
  return {
    reportProblem: (input) => ({ logged: rendererProblems.report(input) }),
  };
}
