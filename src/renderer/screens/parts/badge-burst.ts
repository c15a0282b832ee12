/**
 * Badge readers are keyboards ("keyboard wedge"): a tap types the badge's number in a few milliseconds, then Enter.
 * People type a key every 100 ms or more. So a run of at least MIN_BADGE_LENGTH keys, each within MAX_KEY_GAP_MS of
 * the one before, ended by Enter just as fast, is a badge, not typing.
 */
export const MAX_KEY_GAP_MS = 50;
export const MIN_BADGE_LENGTH = 4;
const MAX_BADGE_LENGTH = 64;

export type BurstOutcome =
  /** A key that starts a new run (the field's content just before it is worth keeping). */
  | { kind: 'start' }
  /** A key in a run, or a key that is neither a badge character nor Enter. */
  | { kind: 'key' }
  /** Enter ended a fast run: this was a badge. */
  | { kind: 'badge'; badge: string }
  /** Enter typed by a person. */
  | { kind: 'enter' };

export class BadgeBurst {
  #run = '';
  #lastAt = Number.NEGATIVE_INFINITY;

  /** Feed every key as it is pressed, with its time in milliseconds. */
  key(key: string, at: number): BurstOutcome {
    const fast = at - this.#lastAt <= MAX_KEY_GAP_MS;
    this.#lastAt = at;
    if (key === 'Enter') {
      const run = this.#run;
      this.#run = '';
      return fast && run.length >= MIN_BADGE_LENGTH ? { kind: 'badge', badge: run } : { kind: 'enter' };
    }
    // Readers press Shift for capital letters: part of the run, not a break in it.
    if (key === 'Shift') return { kind: 'key' };
    if (!/^[A-Za-z0-9]$/.test(key)) {
      this.#run = '';
      return { kind: 'key' };
    }
    if (fast && this.#run !== '' && this.#run.length < MAX_BADGE_LENGTH) {
      this.#run += key;
      return { kind: 'key' };
    }
    this.#run = key;
    return { kind: 'start' };
  }
}
