import type { TimerKind } from './content-types';

/** What "+1 minute" adds, and the unit the limits are counted in. */
export const MINUTE_MS = 60_000;

/**
 * The longest each kind of timer may run in total, however often "+1 minute" is pressed (and the longest preset a
 * content pack may start). Hard limits, kept in code so no content override can lift them. Main enforces them; the
 * renderer reads the same values (its screens say why "+1 minute" stops, and its tests' stand-in for main obeys them):
 * - warm compress 15 minutes: heat on skin that may have less feeling; short applications are enough;
 * - cool pack 20 minutes: about 10 minutes is advised, and cold held on skin much longer risks cold injury;
 * - massage warm-up 5 minutes: a gentle start before expressing, not a long massage;
 * - the left/right timer counts up and has no limit (the session's own auto-close ends it).
 */
export const TIMER_LIMITS_MS: Readonly<Record<TimerKind, number | null>> = {
  'warm-compress': 15 * MINUTE_MS,
  'cool-pack': 20 * MINUTE_MS,
  'warm-up': 5 * MINUTE_MS,
  'left-right': null,
};
