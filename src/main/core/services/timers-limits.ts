import type { TimerKind } from '../../../shared/content-types';

export const MINUTE_MS = 60_000;

/**
 * The longest each kind of timer may run in total, however often "+1 minute" is pressed (and the longest preset a
 * content pack may start). Hard limits, kept in code so no content override can lift them:
 * - warm compress 15 minutes (issue 5): heat on skin that may have less feeling; short applications are enough;
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

/** Plain words for messages (the renderer shows its own translated text per error code). */
export const TIMER_KIND_WORDS: Readonly<Record<TimerKind, string>> = {
  'warm-compress': 'warm compress',
  'cool-pack': 'cool pack',
  'warm-up': 'massage warm-up',
  'left-right': 'left and right timer',
};
