import type { ApiError } from '../../shared/errors';
import type { Messages } from '../lib/i18n/messages-en';
import { describeError } from '../lib/kiosk-api';

/** The lockout's length as the core words it ("… locked for 4 minutes."), so it can be said in any language. */
export function lockoutMinutes(message: string): number | null {
  const match = /locked for (\d+)\s*minutes?/i.exec(message);
  const minutes = match ? Number(match[1]) : Number.NaN;
  return Number.isInteger(minutes) && minutes > 0 ? minutes : null;
}

/** The keypad's pause as the core words it ("Please wait 8 seconds …"), or null when there is none. */
export function waitSeconds(message: string): number | null {
  const match = /wait (\d+)\s*seconds?/i.exec(message);
  const seconds = match ? Number(match[1]) : Number.NaN;
  return Number.isInteger(seconds) && seconds > 0 ? seconds : null;
}

export interface SignInRefusal {
  /** What to say; empty when the pause alone explains it. */
  text: string;
  /** The keypad checks no PIN for this many seconds (shown as a countdown), or null. */
  waitSeconds: number | null;
}

/** What the keypad says when a sign-in is refused. Never says which of the two (number or PIN) was wrong. */
export function signInRefusal(error: ApiError, t: Messages, by: 'number' | 'badge' = 'number'): SignInRefusal {
  const wait = waitSeconds(error.message);
  if (error.code === 'unauthorized' || error.code === 'invalid-input') {
    return { text: by === 'badge' ? t.keypad.badgeNoMatch : t.keypad.noMatch, waitSeconds: wait };
  }
  if (error.code === 'locked-out') {
    if (wait !== null) return { text: t.keypad.paused, waitSeconds: wait };
    const minutes = lockoutMinutes(error.message);
    return { text: minutes === null ? t.errors['locked-out'] : t.keypad.lockedFor(minutes), waitSeconds: null };
  }
  return { text: describeError(error, t), waitSeconds: null };
}
