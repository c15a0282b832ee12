import { describe, expect, it } from 'vitest';
import { countSentences, countSyllables, countText, fleschKincaidGrade, splitWords } from './readability';

describe('countSyllables', () => {
  it.each([
    ['the', 1],
    ['milk', 1],
    ['make', 1],
    ['squeeze', 1],
    ['nurse', 1],
    ['helped', 1],
    ['notes', 1],
    ['baby', 2],
    ['little', 2],
    ['table', 2],
    ['started', 2],
    ['places', 2],
    ['touches', 2],
    ['minutes', 2],
    ['hospital', 3],
    ['breastfeeding', 3],
    ['oxytocin', 4],
    ['10', 1],
  ])('%s has %i', (word, syllables) => {
    expect(countSyllables(word)).toBe(syllables);
  });
});

describe('splitting text', () => {
  it('keeps contractions and hyphenated words whole', () => {
    expect(splitWords("Your baby's C-section wound, 2 to 3 cm.")).toEqual([
      'Your',
      "baby's",
      'C-section',
      'wound',
      '2',
      'to',
      '3',
      'cm',
    ]);
  });

  it('counts sentences at . ! ? and treats a title as one sentence', () => {
    expect(countSentences('Wash your hands. Is it warm? Stop!')).toBe(3);
    expect(countSentences('Signs of a good latch')).toBe(1);
  });
});

describe('fleschKincaidGrade', () => {
  it('scores a short plain sentence below grade 1', () => {
    // 6 words, 6 syllables, 1 sentence: 0.39 * 6 + 11.8 * 1 - 15.59 = -1.45
    expect(fleschKincaidGrade('The cat sat on the mat.')).toBeCloseTo(-1.45, 2);
  });

  it('matches the formula on a counted sentence', () => {
    const sentence = 'Oxytocin makes tiny milk sacs in your breast squeeze.';
    expect(countText(sentence)).toEqual({ sentences: 1, words: 9, syllables: 13 });
    expect(fleschKincaidGrade(sentence)).toBeCloseTo(0.39 * 9 + 11.8 * (13 / 9) - 15.59, 6);
  });

  it('scores dense clinical prose far above the plain version of the same fact', () => {
    const clinical =
      'Lactating individuals experiencing dysphoric milk ejection reflex frequently report transient, abrupt ' +
      'negative emotional sensations immediately preceding milk ejection.';
    const plain = 'Some parents feel a sudden wave of sadness just as the milk lets down.';
    expect(fleschKincaidGrade(clinical)).toBeGreaterThan(16);
    expect(fleschKincaidGrade(plain)).toBeLessThan(6);
  });

  it('gives 0 for empty text instead of dividing by zero', () => {
    expect(fleschKincaidGrade('')).toBe(0);
    expect(fleschKincaidGrade('  ...  ')).toBe(0);
  });
});
