/** The rules of a digits-only field fed by the on-screen keypad and the keyboard alike. */

export function appendDigit(value: string, digit: string, maxLength: number): string {
  return /^\d$/.test(digit) && value.length < maxLength ? value + digit : value;
}

/** What was typed or pasted, reduced to its digits and cut to the field's length. */
export function onlyDigits(value: string, maxLength: number): string {
  return value.replace(/\D/g, '').slice(0, maxLength);
}

/** Keys typed while focus is elsewhere on the screen still reach the keypad, except inside another text field. */
export function isTypingElsewhere(target: EventTarget | null, own: HTMLElement | undefined): boolean {
  if (!(target instanceof HTMLElement) || target === own) return false;
  return target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}
