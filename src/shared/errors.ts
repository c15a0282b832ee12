/** The closed list of error codes a kiosk call can answer with. The renderer maps each to a translated message. */
export const ERROR_CODES = [
  /** The input did not match the method's schema. */
  'invalid-input',
  /** The room, session or staff member named does not exist (or is inactive). */
  'not-found',
  /** The request is valid but the current state forbids it (room already occupied, session already ended). */
  'conflict',
  /** Staff number or PIN wrong, or the staff sign-in has expired. */
  'unauthorized',
  /** Too many wrong PINs: the keypad is locked for a while. */
  'locked-out',
  /** The signed-in staff member's role does not allow this. */
  'forbidden',
  /** The call did not come from the kiosk's own page (foreign origin, sub-frame, missing bridge token). */
  'untrusted-sender',
  /** The data folder cannot be written (read-only, full). */
  'storage-unavailable',
  /** Anything unexpected. The message never carries internals such as SQL or stack traces. */
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };
