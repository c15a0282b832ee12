import { describe, expect, it, vi } from 'vitest';
import { CatalogCache } from './catalogs';
import { en, type Messages } from './messages-en';
import { es } from './messages-es';

describe('CatalogCache', () => {
  it('starts with English only and fetches Spanish on first use', async () => {
    const cache = new CatalogCache();
    expect(cache.loaded('en')).toBe(en);
    expect(cache.loaded('es')).toBeUndefined();

    const spanish = await cache.load('es');
    expect(spanish.board.free).toBe('Sala libre');
    expect(spanish).toEqual(es);
    expect(cache.loaded('es')).toBe(spanish);
  });

  it('fetches a language once, however many ask for it at the same time', async () => {
    const importSpanish = vi.fn(() => Promise.resolve(es));
    const cache = new CatalogCache({ es: importSpanish });
    const [first, second] = await Promise.all([cache.load('es'), cache.load('es')]);
    await cache.load('es');
    expect(first).toBe(es);
    expect(second).toBe(es);
    expect(importSpanish).toHaveBeenCalledTimes(1);
  });

  it('forgets a failed fetch, so the next use tries again', async () => {
    const importSpanish = vi
      .fn<() => Promise<Messages>>()
      .mockRejectedValueOnce(new Error('chunk missing'))
      .mockResolvedValueOnce(es);
    const cache = new CatalogCache({ es: importSpanish });
    await expect(cache.load('es')).rejects.toThrow('chunk missing');
    expect(cache.loaded('es')).toBeUndefined();
    await expect(cache.load('es')).resolves.toBe(es);
    expect(importSpanish).toHaveBeenCalledTimes(2);
  });
});
