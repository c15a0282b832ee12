import type { TimerKind } from '../../../shared/content-types';

// The limits are shared with the renderer, so a changed limit cannot hold in one place and not the other.
export { MINUTE_MS, TIMER_LIMITS_MS } from '../../../shared/timer-limits';

/** Plain words for messages (the renderer shows its own translated text per error code). */
export const TIMER_KIND_WORDS: Readonly<Record<TimerKind, string>> = {
  'warm-compress': 'warm compress',
  'cool-pack': 'cool pack',
  'warm-up': 'massage warm-up',
  'left-right': 'left and right timer',
};
