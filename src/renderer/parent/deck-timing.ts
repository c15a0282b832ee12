/** How long a let-down slide stays before the deck moves on by itself: long enough to read it slowly, twice. */
export const SLIDE_MS = 20_000;
