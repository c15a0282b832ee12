import { z } from 'zod';

/**
 * The keypad's pace: wrong tries on this kiosk, whatever staff number or badge they named, in a sliding window.
 *
 * A good sign-in never clears them (a nurse holding her own PIN must not be able to reset the count and go on
 * guessing her colleagues'), and they never lock the keypad: past a few free tries, each wrong try makes the keypad
 * wait before it checks the next PIN, a wait that doubles up to a cap. So a nurse whose PIN is right waits at most
 * the cap, never 15 minutes, and a guesser gets at most one PIN per cap.
 */
export const KEYPAD_WINDOW_MS = 15 * 60_000;
/** Wrong tries in the window that cost nothing: a tired nurse mistypes. */
export const FREE_WRONG_TRIES = 3;
const FIRST_WAIT_MS = 2_000;
export const LONGEST_WAIT_MS = 30_000;

/** The wait after the n-th wrong try in the window: none for the free ones, then 2, 4, 8, 16, 30, 30 … seconds. */
export function keypadWaitAfter(wrongTries: number): number {
  if (wrongTries <= FREE_WRONG_TRIES) return 0;
  return Math.min(FIRST_WAIT_MS * 2 ** (wrongTries - FREE_WRONG_TRIES - 1), LONGEST_WAIT_MS);
}

/** The times of wrong (or not yet settled) tries in the window, oldest first. Stored in kiosk_state. */
export type KeypadTries = number[];

export const keypadTriesSchema = z.array(z.number().int()).max(10_000);

/** The tries still inside the window at `now`. */
export function triesInWindow(tries: KeypadTries, now: number): KeypadTries {
  return tries.filter((at) => at > now - KEYPAD_WINDOW_MS && at <= now);
}

/** When the keypad checks its next PIN: the last try plus the wait its place in the window earned. */
export function keypadOpensAt(tries: KeypadTries, now: number): number {
  const recent = triesInWindow(tries, now);
  const last = recent.at(-1);
  return last === undefined ? now : last + keypadWaitAfter(recent.length);
}

/** Takes back one reserved try (the PIN turned out right): only that one, never the others. */
export function withoutTry(tries: KeypadTries, at: number): KeypadTries {
  const index = tries.lastIndexOf(at);
  return index === -1 ? tries : [...tries.slice(0, index), ...tries.slice(index + 1)];
}
