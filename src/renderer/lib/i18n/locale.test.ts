import { describe, expect, it } from 'vitest';
import { locale } from './locale.svelte';

describe('locale', () => {
  it('starts in English and gives that language’s messages', () => {
    expect(locale.language).toBe('en');
    expect(locale.t.board.free).toBe('Free');
  });

  it('switches language and messages together', () => {
    locale.set('es');
    expect(locale.language).toBe('es');
    expect(locale.t.board.free).toBe('Sala libre');
  });

  it('follows the kiosk settings and refuses a language the kiosk does not offer', () => {
    locale.configure(['es'], 'es');
    expect(locale.available).toEqual(['es']);
    locale.set('en');
    expect(locale.language).toBe('es');
  });

  it('falls back to the first offered language when the default is not offered', () => {
    locale.configure(['es'], 'en');
    expect(locale.language).toBe('es');
  });

  it('reset() returns to English with every language offered', () => {
    locale.configure(['es'], 'es');
    locale.reset();
    expect(locale.language).toBe('en');
    expect(locale.available).toEqual(['en', 'es']);
  });
});
