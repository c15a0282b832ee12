import type { ApiError } from '../../shared/errors';
import type { Messages } from '../lib/i18n/messages-en';
import { describeError } from '../lib/kiosk-api';

/** The lockout's length as the core words it ("… locked for 4 minutes."), so it can be said in any language. */
export function lockoutMinutes(message: string): number | null {
  const match = /(\d+)\s*minutes?/i.exec(message);
  const minutes = match ? Number(match[1]) : Number.NaN;
  return Number.isInteger(minutes) && minutes > 0 ? minutes : null;
}

/** What the keypad says when a sign-in is refused. Never says which of the two (number or PIN) was wrong. */
export function signInErrorText(error: ApiError, t: Messages): string {
  if (error.code === 'unauthorized' || error.code === 'invalid-input') return t.keypad.noMatch;
  if (error.code === 'locked-out') {
    const minutes = lockoutMinutes(error.message);
    return minutes === null ? t.errors['locked-out'] : t.keypad.lockedFor(minutes);
  }
  return describeError(error, t);
}
