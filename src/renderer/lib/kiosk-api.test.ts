import { describe, expect, it } from 'vitest';
import type { KioskApi } from '../../shared/contract';
import type { ErrorCode } from '../../shared/errors';
import { fails, ok, stubKiosk } from '../testing/stub-kiosk';
import { en } from './i18n/messages-en';
import { es } from './i18n/messages-es';
import { callKiosk, describeError } from './kiosk-api';

describe('callKiosk', () => {
  it('passes through what window.kiosk answers', async () => {
    stubKiosk({ listRooms: () => ok([]) });
    await expect(callKiosk((api) => api.listRooms())).resolves.toEqual({ ok: true, value: [] });
    stubKiosk({ listRooms: () => fails('storage-unavailable') });
    const result = await callKiosk((api) => api.listRooms());
    expect(result.ok ? null : result.error.code).toBe('storage-unavailable');
  });

  it('turns a missing bridge into an internal error instead of throwing', async () => {
    const result = await callKiosk((api) => api.listRooms());
    expect(result.ok ? null : result.error.code).toBe('internal');
  });

  it('turns a rejected call or a malformed answer into an internal error', async () => {
    window.kiosk = { listRooms: () => Promise.reject(new Error('ipc closed')) } as unknown as KioskApi;
    const rejected = await callKiosk((api) => api.listRooms());
    expect(rejected).toEqual({ ok: false, error: { code: 'internal', message: 'ipc closed' } });

    window.kiosk = { listRooms: () => Promise.resolve('rooms') } as unknown as KioskApi;
    const malformed = await callKiosk((api) => api.listRooms());
    expect(malformed.ok ? null : malformed.error.code).toBe('internal');
  });
});

describe('describeError', () => {
  it('gives a kind, translated sentence and never the technical message', () => {
    const error = { code: 'storage-unavailable' as const, message: 'SQLITE_READONLY: attempt to write' };
    expect(describeError(error, en)).toBe(en.errors['storage-unavailable']);
    expect(describeError(error, es)).toBe(es.errors['storage-unavailable']);
    expect(describeError(error, en)).not.toContain('SQLITE');
  });

  it('treats an unknown code as internal', () => {
    expect(describeError({ code: 'exploded' as ErrorCode, message: '' }, en)).toBe(en.errors.internal);
  });
});
