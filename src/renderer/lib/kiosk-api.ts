/**
 * The renderer's only way out: `window.kiosk`, put there by the preload (Electron) or by the loopback bridge
 * (browser tests). Nothing here imports node, electron or fetch.
 */
import type { KioskApi } from '../../shared/contract';
import { ERROR_CODES, type ApiError, type ApiResult, type ErrorCode } from '../../shared/errors';
import type { Messages } from './i18n/messages-en';

declare global {
  interface Window {
    kiosk: KioskApi;
  }
}

function failure(message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code: 'internal', message } };
}

function isApiResult(value: unknown): value is ApiResult<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/**
 * Call one kiosk method and always get an ApiResult back: a missing bridge, a rejected promise or a malformed answer
 * become an `internal` error, so screens have exactly one failure path to render.
 */
export async function callKiosk<T>(call: (api: KioskApi) => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
  if (typeof window === 'undefined' || !window.kiosk) return failure('window.kiosk is not available');
  try {
    const result: unknown = await call(window.kiosk);
    return isApiResult(result) ? (result as ApiResult<T>) : failure('malformed kiosk answer');
  } catch (error) {
    return failure(error instanceof Error ? error.message : 'kiosk call failed');
  }
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** A kind, translated sentence for an error. The technical `message` is never shown to parents. */
export function describeError(error: ApiError, messages: Messages): string {
  return messages.errors[isErrorCode(error.code) ? error.code : 'internal'];
}
