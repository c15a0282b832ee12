import { describe, expect, it, vi } from 'vitest';
import { CatalogCache } from './catalogs';
import { locale, LocaleState } from './locale.svelte';
import type { Messages } from './messages-en';
import { es } from './messages-es';

describe('locale', () => {
  it('starts in English and gives that language’s messages', () => {
    expect(locale.language).toBe('en');
    expect(locale.t.board.free).toBe('Free');
  });

  it('switches language and messages together', () => {
    void locale.set('es');
    expect(locale.language).toBe('es');
    expect(locale.t.board.free).toBe('Sala libre');
  });

  it('follows the kiosk settings and refuses a language the kiosk does not offer', () => {
    void locale.configure(['es'], 'es');
    expect(locale.available).toEqual(['es']);
    void locale.set('en');
    expect(locale.language).toBe('es');
  });

  it('falls back to the first offered language when the default is not offered', () => {
    void locale.configure(['es'], 'en');
    expect(locale.language).toBe('es');
  });

  it('reset() returns to English with every language offered', () => {
    void locale.configure(['es'], 'es');
    locale.reset();
    expect(locale.language).toBe('en');
    expect(locale.available).toEqual(['en', 'es']);
  });
});

/** A Spanish import the test finishes by hand, to look at the screen while it is on its way. */
function slowSpanish() {
  let resolveImport: (messages: Messages) => void = () => undefined;
  let rejectImport: (error: Error) => void = () => undefined;
  const importSpanish = vi.fn(
    () =>
      new Promise<Messages>((resolve, reject) => {
        resolveImport = resolve;
        rejectImport = reject;
      }),
  );
  return {
    cache: new CatalogCache({ es: importSpanish }),
    importSpanish,
    finish: () => resolveImport(es),
    fail: (error: Error) => rejectImport(error),
  };
}

describe('locale, loading a language on first use', () => {
  it('keeps the current words while Spanish is on its way, then switches to the Spanish words', async () => {
    const state = new LocaleState(new CatalogCache(), vi.fn());
    const switching = state.set('es');
    expect(state.language).toBe('en');
    expect(state.t.board.free).toBe('Free');
    await switching;
    expect(state.language).toBe('es');
    expect(state.t.board.free).toBe('Sala libre');
    expect(state.t.parent.hub.question).toBe(es.parent.hub.question);
  });

  it('starts a Spanish kiosk in Spanish once its words have arrived', async () => {
    const state = new LocaleState(new CatalogCache(), vi.fn());
    await state.configure(['en', 'es'], 'es');
    expect(state.language).toBe('es');
    expect(state.t.common.loading).toBe('Un momento…');
  });

  it('after prefetch() a switch is immediate', async () => {
    const { cache, importSpanish, finish } = slowSpanish();
    const state = new LocaleState(cache, vi.fn());
    const prefetching = state.prefetch();
    expect(importSpanish).toHaveBeenCalledTimes(1);
    finish();
    await prefetching;
    void state.set('es');
    expect(state.t.board.free).toBe('Sala libre');
    expect(importSpanish).toHaveBeenCalledTimes(1);
  });

  it('prefetches only the languages the kiosk offers', async () => {
    const { cache, importSpanish } = slowSpanish();
    const state = new LocaleState(cache, vi.fn());
    await state.configure(['en'], 'en');
    await state.prefetch();
    expect(importSpanish).not.toHaveBeenCalled();
  });

  it('stays in the current language and reports it when a language cannot load', async () => {
    const { cache, fail } = slowSpanish();
    const report = vi.fn();
    const state = new LocaleState(cache, report);
    const switching = state.set('es');
    const error = new Error('chunk missing');
    fail(error);
    await switching;
    expect(state.language).toBe('en');
    expect(state.t.board.free).toBe('Free');
    expect(report).toHaveBeenCalledWith('es', error);
  });

  it('a prefetch that fails stays quiet; the switch that needs the language tries again', async () => {
    const importSpanish = vi
      .fn<() => Promise<Messages>>()
      .mockRejectedValueOnce(new Error('chunk missing'))
      .mockResolvedValueOnce(es);
    const report = vi.fn();
    const state = new LocaleState(new CatalogCache({ es: importSpanish }), report);
    await state.prefetch();
    await state.set('es');
    expect(report).not.toHaveBeenCalled();
    expect(state.t.board.free).toBe('Sala libre');
  });

  it('a choice made while another language loads wins', async () => {
    const { cache, finish } = slowSpanish();
    const state = new LocaleState(cache, vi.fn());
    const toSpanish = state.set('es');
    void state.set('en');
    finish();
    await toSpanish;
    expect(state.language).toBe('en');
    expect(state.t.board.free).toBe('Free');
  });
});
