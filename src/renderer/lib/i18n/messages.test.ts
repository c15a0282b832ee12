import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/errors';
import { SESSION_KINDS } from '../../../shared/domain';
import { en } from './messages-en';
import { es } from './messages-es';

type Leaf = { path: string; value: unknown };

function leaves(node: unknown, path = ''): Leaf[] {
  if (typeof node === 'object' && node !== null) {
    return Object.entries(node).flatMap(([key, value]) => leaves(value, path ? `${path}.${key}` : key));
  }
  return [{ path, value: node }];
}

const enLeaves = leaves(en);
const esLeaves = leaves(es);

describe('message catalogs', () => {
  it('Spanish has exactly the English keys, each of the same kind', () => {
    // The type check already demands this; the test guards against casts and `any` sneaking in.
    expect(esLeaves.map((leaf) => leaf.path)).toEqual(enLeaves.map((leaf) => leaf.path));
    for (const [index, leaf] of enLeaves.entries()) {
      const spanish = esLeaves[index];
      expect(typeof spanish?.value, leaf.path).toBe(typeof leaf.value);
      if (typeof leaf.value === 'function') {
        expect((spanish?.value as (...args: unknown[]) => unknown).length, leaf.path).toBe(leaf.value.length);
      }
    }
  });

  it('has no empty or untranslated strings', () => {
    for (const leaf of [...enLeaves, ...esLeaves]) {
      if (typeof leaf.value === 'string') expect(leaf.value.trim(), leaf.path).not.toBe('');
    }
    for (const [index, leaf] of enLeaves.entries()) {
      if (typeof leaf.value === 'string') {
        expect(esLeaves[index]?.value, leaf.path).not.toBe(leaf.value);
      }
    }
  });

  it('names every error code and session kind', () => {
    for (const code of ERROR_CODES) {
      expect(en.errors[code]).toBeTruthy();
      expect(es.errors[code]).toBeTruthy();
    }
    for (const kind of SESSION_KINDS) {
      expect(en.sessionKind[kind]).toBeTruthy();
      expect(es.sessionKind[kind]).toBeTruthy();
    }
  });

  it('agrees the Spanish article with the hour', () => {
    expect(es.board.occupiedSince({ text: '14:05', hour: 14 })).toBe('Desde las 14:05');
    expect(es.board.occupiedSince({ text: '01:05', hour: 1 })).toBe('Desde la 01:05');
    expect(es.board.refreshFailed({ text: '01:05', hour: 1 })).toContain('a la 01:05');
    expect(en.board.occupiedSince({ text: '14:05', hour: 14 })).toBe('Since 14:05');
  });
});
