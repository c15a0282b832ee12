import { describe, expect, it } from 'vitest';
import { END_REASONS } from '../../../shared/domain';
import { RANGE_PRESETS } from './report-range';
import { reportsEn, reportsEs } from './reports-messages';

type Leaf = { path: string; value: unknown };

function leaves(node: unknown, path = ''): Leaf[] {
  if (typeof node === 'object' && node !== null) {
    return Object.entries(node).flatMap(([key, value]) => leaves(value, path ? `${path}.${key}` : key));
  }
  return [{ path, value: node }];
}

describe('the reports messages', () => {
  const en = leaves(reportsEn);
  const es = leaves(reportsEs);

  it('has the same keys in Spanish, each of the same kind and arity', () => {
    expect(es.map((leaf) => leaf.path)).toEqual(en.map((leaf) => leaf.path));
    for (const [index, leaf] of en.entries()) {
      const spanish = es[index]!.value;
      expect(typeof spanish, leaf.path).toBe(typeof leaf.value);
      if (typeof leaf.value === 'function') {
        expect((spanish as (...args: unknown[]) => unknown).length, leaf.path).toBe(leaf.value.length);
      }
    }
  });

  it('has no empty or untranslated strings (JSON is JSON in every language)', () => {
    for (const [index, leaf] of en.entries()) {
      if (typeof leaf.value !== 'string') continue;
      expect(leaf.value.trim(), leaf.path).not.toBe('');
      if (leaf.path !== 'export.json') expect(es[index]!.value, leaf.path).not.toBe(leaf.value);
    }
  });

  it('names every preset and end reason', () => {
    for (const preset of RANGE_PRESETS) expect(reportsEs.presets[preset]).toBeTruthy();
    for (const reason of END_REASONS) expect(reportsEs.endReasons[reason]).toBeTruthy();
  });

  it('puts the Spanish busiest time in a sentence', () => {
    expect(reportsEs.charts.heatMapDesc(reportsEs.charts.heatMapSlot('martes', '09:00', 9), '12')).toBe(
      'Sesiones iniciadas por día de la semana y hora. El momento de más uso fue el martes a las 09:00, con 12.',
    );
    expect(reportsEs.charts.heatMapSlot('domingo', '01:00', 1)).toBe('el domingo a la 01:00');
    expect(reportsEn.charts.heatMapSlot('Sunday', '01:00', 1)).toBe('Sunday at 01:00');
  });
});
