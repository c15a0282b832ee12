import type { ErrorCode } from '../../shared/errors';

/** An expected failure with a code from the contract's closed list. Services throw it; dispatch turns it into a result. */
export class KioskError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'KioskError';
    this.code = code;
  }
}
