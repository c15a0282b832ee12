import type { z } from 'zod';
import { isApiMethodName, type ApiMethodName } from '../../../shared/api-methods';
import { contract } from '../../../shared/contract';
import { accessFor } from '../../../shared/method-access';
import type { ApiError, ApiResult } from '../../../shared/errors';
import { KioskError } from '../errors';
import { isStorageWriteFailure } from '../reliability/storage-errors';
import { NO_CALLER, type CallerContext } from './caller-context';
import type { SignedInStaff } from '../services/staff-auth';
import type { HandlerTable } from './handler-types';
import { logCall, SIGN_IN_METHODS, staffNumberOf } from '../logging/call-log';
import type { KioskLogger } from '../logging/kiosk-logger';

export type Dispatch = (method: unknown, rawInput: unknown, caller?: CallerContext) => Promise<ApiResult<unknown>>;

/** What dispatch writes to: the kiosk's log (only `error` is required, so a test can pass a recorder). */
export type DispatchLogger = KioskLogger;

function describeIssues(method: string, issues: readonly z.core.$ZodIssue[]): string {
  const described = issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return `Invalid input for ${method}: ${described.join('; ')}${more}`;
}

function toApiError(
  error: unknown,
  logger: DispatchLogger,
  method: string,
  onStorageFailure?: (error: unknown) => void,
): ApiError {
  if (error instanceof KioskError) return { code: error.code, message: error.message };
  if (isStorageWriteFailure(error)) {
    logger.error(`${method}: storage failure`, error);
    onStorageFailure?.(error);
    return { code: 'storage-unavailable', message: 'The kiosk cannot save to its data folder. Please call IT.' };
  }
  logger.error(`${method}: unexpected failure`, error);
  return { code: 'internal', message: 'Something went wrong. Please try again.' };
}

/** Checks a staff token for a role and answers who it belongs to; throws `unauthorized` when it does not fit. */
export type Authorize = (staffToken: string, role: 'nurse' | 'admin' | undefined) => SignedInStaff;

export interface DispatchOptions {
  handlers: HandlerTable;
  authorize: Authorize;
  logger?: DispatchLogger;
  /** Told of each write refused for lack of storage, so staff can be alerted. */
  onStorageFailure?: (error: unknown) => void;
}

/** The signed-in staff member a call needs (its method's access level), or null for a public call. */
function authorizeCall(method: ApiMethodName, input: unknown, authorize: Authorize): SignedInStaff | null {
  const level = accessFor(method, input);
  if (level === 'public') return null;
  const staffToken = (input as { staffToken?: unknown }).staffToken;
  // The contract's schema of every staff or admin method requires the token; a missing one is a contract bug.
  if (typeof staffToken !== 'string') throw new Error(`${method} needs ${level} access but its input has no token`);
  return authorize(staffToken, level === 'admin' ? 'admin' : undefined);
}

/**
 * Validates the method name and its input, checks the caller's access level, then calls the handler. Nothing
 * unvalidated or unauthorised reaches a handler, and every outcome is a result object: a handler's exception never
 * crosses the process boundary as a raw error.
 */
export function createDispatch({ handlers, authorize, logger = console, onStorageFailure }: DispatchOptions): Dispatch {
  return async (method, rawInput, caller = NO_CALLER) => {
    if (!isApiMethodName(method)) {
      return { ok: false, error: { code: 'invalid-input', message: 'Unknown kiosk method.' } };
    }
    let parsed: ReturnType<(typeof contract)[typeof method]['input']['safeParse']>;
    try {
      parsed = contract[method].input.safeParse(rawInput === undefined ? {} : rawInput);
    } catch (error) {
      // A refinement that throws on input it did not expect is a schema bug; the caller still gets a typed answer.
      logger.error(`${method}: input validation threw`, error);
      return { ok: false, error: { code: 'invalid-input', message: `Invalid input for ${method}.` } };
    }
    if (!parsed.success) {
      const error: ApiError = { code: 'invalid-input', message: describeIssues(method, parsed.error.issues) };
      logCall(logger, { method, error, elapsedMs: 0 });
      return { ok: false, error };
    }
    // For the log's "how long" only: never stored, so the system's reading is fine here.
    const startedAt = performance.now();
    let staff: SignedInStaff | null = null;
    try {
      staff = authorizeCall(method, parsed.data, authorize);
      const handler = handlers[method] as (input: unknown, call: { caller: CallerContext; staff: unknown }) => unknown;
      const value = await handler(parsed.data, { caller, staff });
      const staffNumber =
        staff?.staffNumber ?? (SIGN_IN_METHODS.has(method) ? staffNumberOf(parsed.data, value) : undefined);
      logCall(logger, { method, staffNumber, elapsedMs: performance.now() - startedAt });
      return { ok: true, value };
    } catch (caught) {
      const error = toApiError(caught, logger, method, onStorageFailure);
      const staffNumber = staff?.staffNumber ?? (SIGN_IN_METHODS.has(method) ? staffNumberOf(parsed.data) : undefined);
      logCall(logger, { method, staffNumber, error, elapsedMs: performance.now() - startedAt });
      return { ok: false, error };
    }
  };
}
