import { describe, expect, it } from 'vitest';
import { linearScale, niceStep, niceTicks } from './chart-scale';

describe('niceTicks', () => {
  it.each([
    [0, [0, 1]],
    [1, [0, 1]],
    [3, [0, 1, 2, 3]],
    [7, [0, 2, 4, 6, 8]],
    [10, [0, 5, 10]],
    [23, [0, 10, 20, 30]],
    [40, [0, 10, 20, 30, 40]],
    [137, [0, 50, 100, 150]],
    [1990, [0, 500, 1000, 1500, 2000]],
  ])('gives round ticks up to at least %d', (max, ticks) => {
    expect(niceTicks(max)).toEqual(ticks);
  });

  it('can give fractional ticks for shares', () => {
    expect(niceTicks(0.42, 4, false)).toEqual([0, 0.2, 0.4, 0.6]);
    expect(niceTicks(0.3, 3, false)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(1, 4, false)).toEqual([0, 0.5, 1]);
  });

  it('never steps below 1 for counts', () => {
    expect(niceStep(2, 10)).toBe(1);
  });
});

describe('linearScale', () => {
  it('maps 0..max onto the range, either direction', () => {
    const y = linearScale(40, 200, 0);
    expect(y(0)).toBe(200);
    expect(y(40)).toBe(0);
    expect(y(10)).toBe(150);
    expect(linearScale(4, 10, 50)(1)).toBe(20);
  });

  it('clamps values outside the domain and survives an empty one', () => {
    expect(linearScale(10, 0, 100)(20)).toBe(100);
    expect(linearScale(10, 0, 100)(-5)).toBe(0);
    expect(linearScale(0, 7, 100)(3)).toBe(7);
  });
});
