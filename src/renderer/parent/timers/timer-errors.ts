import type { TimerView } from '../../../shared/domain';
import type { ApiError } from '../../../shared/errors';
import { MINUTE_MS } from '../../../shared/timer-limits';
import type { Messages } from '../../lib/i18n/messages-en';
import { describeError } from '../../lib/kiosk-api';

/**
 * A kind sentence for a timer action main refused. A conflict means the screen was a step behind main (the board has
 * already asked again), so it says what happened rather than "something went wrong".
 */
export function describeTimerError(
  error: ApiError,
  action: 'start' | 'add-minute' | 'other',
  t: Messages,
  view?: TimerView | null,
): string {
  if (error.code !== 'conflict') return describeError(error, t);
  if (action === 'start') return t.timers.errors.alreadyGoing;
  if (action === 'add-minute' && view?.maxDurationMs) return t.timers.display.atLimit(view.maxDurationMs / MINUTE_MS);
  return t.timers.errors.changed;
}

/** True when "+1 minute" would take the timer past its hard limit (main refuses it; the button says why first). */
export function atLimit(view: TimerView): boolean {
  if (view.durationMs === null || view.maxDurationMs === null) return true;
  return view.durationMs + MINUTE_MS > view.maxDurationMs;
}
