import { describe, expect, it } from 'vitest';
import { BadgeBurst, MAX_KEY_GAP_MS } from './badge-burst';

function typeKeys(burst: BadgeBurst, keys: string[], gapMs: number, startAt = 1000) {
  return keys.map((key, index) => burst.key(key, startAt + index * gapMs));
}

describe('BadgeBurst', () => {
  it('takes a fast run ending in Enter as a badge, digits and letters alike', () => {
    const outcomes = typeKeys(new BadgeBurst(), [...'00045219AB', 'Enter'], 8);
    expect(outcomes[0]).toEqual({ kind: 'start' });
    expect(outcomes.at(-1)).toEqual({ kind: 'badge', badge: '00045219AB' });
  });

  it('leaves a person’s typing alone, however many digits, and a short fast run', () => {
    expect(typeKeys(new BadgeBurst(), [...'12345678', 'Enter'], 120).at(-1)).toEqual({ kind: 'enter' });
    expect(typeKeys(new BadgeBurst(), [...'123', 'Enter'], 5).at(-1)).toEqual({ kind: 'enter' });
    // Fast digits, then a pause before Enter: a person pressing Enter after something else typed.
    const burst = new BadgeBurst();
    typeKeys(burst, [...'987654'], 5);
    expect(burst.key('Enter', 5000)).toEqual({ kind: 'enter' });
  });

  it('starts a new run after a pause, so a digit a person typed before the tap is not part of the badge', () => {
    const burst = new BadgeBurst();
    burst.key('4', 0);
    const outcomes = typeKeys(burst, [...'55667788', 'Enter'], MAX_KEY_GAP_MS, 500);
    expect(outcomes[0]).toEqual({ kind: 'start' });
    expect(outcomes.at(-1)).toEqual({ kind: 'badge', badge: '55667788' });
  });

  it('keeps Shift (capital letters) in the run and breaks it on any other key', () => {
    expect(typeKeys(new BadgeBurst(), [...'12', 'Shift', 'A', 'Shift', 'B', 'Enter'], 5).at(-1)).toEqual({
      kind: 'badge',
      badge: '12AB',
    });
    expect(typeKeys(new BadgeBurst(), [...'123', 'Tab', ...'456', 'Enter'], 5).at(-1)).toEqual({ kind: 'enter' });
  });
});
