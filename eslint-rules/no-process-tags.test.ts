import { describe, expect, it } from 'vitest';
import { findProcessTag } from './no-process-tags.js';

describe('no-process-tags', () => {
  it.each([
    ['Timers (issue 5).', 'issue 5'],
    ['see issue #12 for why', 'issue #12'],
    ['// The parent hub (parent hub helper)', '(parent hub helper)'],
    ['Storage health (issue 7, reliability helper)', 'issue 7'],
    ['kept on helper-14 branch', 'helper-14'],
  ])('finds the tag in %j', (text, tag) => {
    expect(findProcessTag(text)).toBe(tag);
  });

  it.each([
    'A helper for the timer tests: a core on a temp folder.',
    'Issues a new token when the old one lapses.',
    'the helper text under each field',
    'Test helpers (a core, an open session)',
  ])('leaves product words alone: %j', (text) => {
    expect(findProcessTag(text)).toBeNull();
  });
});
