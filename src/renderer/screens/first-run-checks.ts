/** The checks the setup and admin forms make before asking the core, so mistakes are explained next to the field. */

export type LabelProblem = 'required' | 'too-long';

/** A name a person types (kiosk, room, staff member): not blank, not longer than the core accepts. */
export function checkLabel(value: string, max: number): LabelProblem | null {
  const trimmed = value.trim();
  if (trimmed === '') return 'required';
  if (trimmed.length > max) return 'too-long';
  return null;
}

/** The core's limits (src/shared/contract.ts and settings.ts), repeated so the screens can explain them. */
export const KIOSK_NAME_MAX = 60;
export const ROOM_NAME_MAX = 60;
export const DISPLAY_NAME_MAX = 80;
export const MAX_SETUP_ROOMS = 20;
export const PIN_MIN = 4;
export const PIN_MAX = 8;
export const STAFF_NUMBER_MAX = 8;

export function isPin(value: string): boolean {
  return new RegExp(`^\\d{${PIN_MIN},${PIN_MAX}}$`).test(value);
}
