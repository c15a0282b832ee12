/**
 * What the on-screen keyboard does to the field it types into. Each change goes through the field's own value and
 * selection and then fires a normal `input` event, so a Svelte `bind:value` (and any listener) sees exactly what it
 * would see from a physical keyboard.
 */

/**
 * Which keys a field gets: letters, the digit keypad, the digit keypad with a phone number's signs, or none (the field
 * brings its own keypad, or is not text).
 */
export type KeyboardKind = 'letters' | 'digits' | 'phone';

export type EditableField = HTMLInputElement | HTMLTextAreaElement;

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'password', 'tel', 'email', 'url', 'number']);

/** A field that carries its own on-screen keys says so with `data-keyboard="own"`. */
export function keyboardKindFor(target: EventTarget | null): KeyboardKind | null {
  if (!(target instanceof HTMLInputElement) && !(target instanceof HTMLTextAreaElement)) return null;
  if (target.disabled || target.readOnly) return null;
  if (target instanceof HTMLInputElement && !TEXT_INPUT_TYPES.has(target.type)) return null;
  const asked = target.dataset.keyboard;
  if (asked === 'own') return null;
  if (asked === 'digits' || asked === 'letters' || asked === 'phone') return asked;
  if (target.inputMode === 'tel' || target.type === 'tel') return 'phone';
  return target.inputMode === 'numeric' || target.type === 'number' ? 'digits' : 'letters';
}

function announce(field: EditableField): void {
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Where the caret is; a field that cannot report it (type=number) is typed into at its end. */
function selectionOf(field: EditableField): { start: number; end: number } {
  try {
    const start = field.selectionStart;
    const end = field.selectionEnd;
    if (start !== null && end !== null) return { start, end };
  } catch {
    // Some input types throw on selection access.
  }
  return { start: field.value.length, end: field.value.length };
}

function replaceRange(field: EditableField, text: string, start: number, end: number): void {
  field.value = field.value.slice(0, start) + text + field.value.slice(end);
  try {
    field.setSelectionRange(start + text.length, start + text.length);
  } catch {
    // No caret to place.
  }
}

/** Types `text` at the caret (replacing a selection), never past the field's maxlength. */
export function typeInto(field: EditableField, text: string): boolean {
  const { start, end } = selectionOf(field);
  const room = field.maxLength > 0 ? field.maxLength - (field.value.length - (end - start)) : Infinity;
  if (room <= 0) return false;
  const fitting = [...text].slice(0, room).join('');
  replaceRange(field, fitting, start, end);
  announce(field);
  return true;
}

/** Deletes the selection, or the character before the caret (a whole letter, even outside the BMP). */
export function deleteBackward(field: EditableField): void {
  const { start, end } = selectionOf(field);
  if (start !== end) {
    replaceRange(field, '', start, end);
  } else {
    if (start === 0) return;
    const before = [...field.value.slice(0, start)];
    const removed = before.pop() ?? '';
    replaceRange(field, '', start - removed.length, start);
  }
  announce(field);
}

export function clearField(field: EditableField): void {
  if (field.value === '') return;
  field.value = '';
  announce(field);
}
