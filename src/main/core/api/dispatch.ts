import type { z } from 'zod';
import { isApiMethodName } from '../../../shared/api-methods';
import { contract } from '../../../shared/contract';
import type { ApiError, ApiResult } from '../../../shared/errors';
import { KioskError } from '../errors';
import { isStorageWriteFailure } from '../reliability/storage-errors';
import { NO_CALLER, type CallerContext } from './caller-context';
import type { HandlerTable } from './handlers';

export type Dispatch = (method: unknown, rawInput: unknown, caller?: CallerContext) => Promise<ApiResult<unknown>>;

export interface DispatchLogger {
  error(message: string, error: unknown): void;
}

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

/**
 * Validates the method name and its input, then calls the handler. Nothing unvalidated reaches core, and every
 * outcome is a result object: a handler's exception never crosses the process boundary as a raw error.
 */
export function createDispatch(
  handlers: HandlerTable,
  logger: DispatchLogger = console,
  /** Told of each write refused for lack of storage, so staff can be alerted (reliability helper). */
  onStorageFailure?: (error: unknown) => void,
): Dispatch {
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
      return { ok: false, error: { code: 'invalid-input', message: describeIssues(method, parsed.error.issues) } };
    }
    try {
      const handler = handlers[method] as (input: unknown, caller: CallerContext) => unknown;
      return { ok: true, value: await handler(parsed.data, caller) };
    } catch (error) {
      return { ok: false, error: toApiError(error, logger, method, onStorageFailure) };
    }
  };
}
