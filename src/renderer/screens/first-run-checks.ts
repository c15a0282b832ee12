/** The checks the setup and admin forms make before asking the core, so mistakes are explained next to the field. */
import { PIN_MAX, PIN_MIN } from '../../shared/input-limits';

export type LabelProblem = 'required' | 'too-long';

/** A name a person types (kiosk, room, staff member): not blank, not longer than the core accepts. */
export function checkLabel(value: string, max: number): LabelProblem | null {
  const trimmed = value.trim();
  if (trimmed === '') return 'required';
  if (trimmed.length > max) return 'too-long';
  return null;
}

export {
  DISPLAY_NAME_MAX,
  KIOSK_NAME_MAX,
  MAX_SETUP_ROOMS,
  PIN_MAX,
  PIN_MIN,
  ROOM_NAME_MAX,
  STAFF_NUMBER_MAX,
} from '../../shared/input-limits';

export function isPin(value: string): boolean {
  return new RegExp(`^\\d{${PIN_MIN},${PIN_MAX}}$`).test(value);
}
