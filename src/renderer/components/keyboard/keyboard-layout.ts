/**
 * The letter keyboard's keys: a QWERTY layout with the Spanish letters on keys of their own (no dead keys or long
 * presses to learn), in rows of at most twelve so every key stays large on a 7-inch screen. Shift turns letters to
 * capitals and the digit row into the symbols a name, an extension or a help text may need.
 */

export interface CharacterKey {
  kind: 'char';
  /** What it types without shift. */
  base: string;
  /** What it types with shift or caps lock. */
  shifted: string;
}

export type KeyboardRow = CharacterKey[];

const letters = (text: string): CharacterKey[] =>
  [...text].map((letter) => ({ kind: 'char', base: letter, shifted: letter.toLocaleUpperCase('es') }));

const pairs = (base: string, shifted: string): CharacterKey[] =>
  [...base].map((char, index) => ({ kind: 'char', base: char, shifted: [...shifted][index] ?? char }));

/** Rows above the space bar; shift, delete, space and done are added around them by the keyboard itself. */
export const LETTER_ROWS: readonly KeyboardRow[] = [
  pairs('1234567890', '#*+()/:;&@'),
  letters('qwertyuiopáé'),
  letters('asdfghjklñíó'),
  [...letters('zxcvbnmúü'), ...pairs(',.-', ';:_')],
];

/** Beside the space bar: Spanish opening marks and the usual sentence ends. */
export const SPACE_ROW_LEFT: readonly CharacterKey[] = pairs('¿¡', '¿¡');
export const SPACE_ROW_RIGHT: readonly CharacterKey[] = pairs("?!'", '?!"');

export type ShiftState = 'off' | 'once' | 'locked';

/** One tap: shift for the next letter; a second tap: caps lock; a third: off. */
export function nextShiftState(state: ShiftState): ShiftState {
  return state === 'off' ? 'once' : state === 'once' ? 'locked' : 'off';
}

export function charFor(key: CharacterKey, shift: ShiftState): string {
  return shift === 'off' ? key.base : key.shifted;
}

/** Beside the digit keypad for a phone number or an extension: the signs such a number may hold. */
export const PHONE_SIGNS: readonly string[] = ['+', '-', '#', '*'];
