/**
 * A small Flesch–Kincaid grade-level scorer for English on-screen text.
 * Heuristic syllable counting (vowel groups with common silent-e rules) is what the usual FK tools do too;
 * it is good enough to keep parent-facing text near a 6th-grade level, not a linguistic analysis.
 */

export interface TextCounts {
  sentences: number;
  words: number;
  syllables: number;
}

/** Counts syllables in one English word. Digits count as one syllable per number ("10" is "ten"). */
export function countSyllables(rawWord: string): number {
  const word = rawWord.toLowerCase().replace(/[^a-z]/g, '');
  if (word.length === 0) return /\d/.test(rawWord) ? 1 : 0;
  if (word.length <= 3) return 1;
  let stem = word
    // A final "e" is usually silent ("make", "squeeze"), but "-le" after a consonant is its own syllable ("little").
    .replace(/([^aeiouy])e$/, (match, before: string, offset: number) =>
      before === 'l' && /[^aeiouy]/.test(word.charAt(offset - 1)) ? match : before,
    )
    // "-es" is silent after most consonants ("notes") but not after s, z, x, ch, sh, soft c or g ("places").
    .replace(/([^aeiouyszxcg])es$/, (match, before: string, offset: number) =>
      before === 'h' && /[cs]/.test(word.charAt(offset - 1)) ? match : before,
    )
    // "-ed" is silent except after t or d ("helped" but "started").
    .replace(/([^aeiouytd])ed$/, '$1')
    .replace(/^y/, '');
  if (stem.length === 0) stem = word;
  const groups = stem.match(/[aeiouy]+/g)?.length ?? 0;
  return Math.max(1, groups);
}

/** Splits text into words: letters, digits, apostrophes and inner hyphens ("C-section", "baby's"). */
export function splitWords(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];
}

/** Sentences end at . ! ? (or the end of the text); a title with no full stop is one sentence. */
export function countSentences(text: string): number {
  const parts = text
    .split(/[.!?]+(?=\s|$)/)
    .map((part) => part.trim())
    .filter((part) => splitWords(part).length > 0);
  return Math.max(1, parts.length);
}

export function countText(text: string): TextCounts {
  const words = splitWords(text);
  return {
    sentences: words.length === 0 ? 0 : countSentences(text),
    words: words.length,
    syllables: words.reduce((sum, word) => sum + countSyllables(word), 0),
  };
}

/** Flesch–Kincaid grade level: 0.39 × words per sentence + 11.8 × syllables per word − 15.59. */
export function fleschKincaidGrade(text: string): number {
  const { sentences, words, syllables } = countText(text);
  if (words === 0) return 0;
  return 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59;
}
