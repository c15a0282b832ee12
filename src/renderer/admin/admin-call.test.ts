import { describe, expect, it, vi } from 'vitest';
import type { StaffMember } from '../../shared/domain';
import type { ApiResult } from '../../shared/errors';
import { fails, ok, stubKiosk } from '../testing/stub-kiosk';
import { AdminCall } from './admin-call.svelte';

const TOKEN = 'a'.repeat(43);

describe('the admin screens’ call state', () => {
  it('reads data, or says why not, and hands a lapsed sign-in back to the keypad', async () => {
    const ended = vi.fn();
    const call = new AdminCall(ended);
    stubKiosk({ listStaff: () => ok([]) });
    expect(await call.load((api) => api.listStaff({ staffToken: TOKEN }))).toEqual([]);
    stubKiosk({ listStaff: () => fails('storage-unavailable') });
    expect(await call.load((api) => api.listStaff({ staffToken: TOKEN }))).toBeNull();
    expect(call.loadError?.code).toBe('storage-unavailable');
    expect(ended).not.toHaveBeenCalled();
    stubKiosk({ listStaff: () => fails('unauthorized') });
    expect(await call.load((api) => api.listStaff({ staffToken: TOKEN }))).toBeNull();
    expect(ended).toHaveBeenCalledOnce();
  });

  it('runs one change at a time, busy meanwhile, and explains a refusal in the screen’s words or the usual ones', async () => {
    const ended = vi.fn();
    const call = new AdminCall(ended);
    let answer: (result: ApiResult<StaffMember>) => void = () => undefined;
    const api = stubKiosk({ updateStaff: () => new Promise((resolve) => (answer = resolve)) });
    call.done = 'before';
    const first = call.change((kiosk) => kiosk.updateStaff({ staffToken: TOKEN, staffId: 1, disabled: true }));
    expect(call.busy).toBe(true);
    expect(call.done).toBe('');
    // A second tap while the first runs sends nothing.
    expect(await call.change((kiosk) => kiosk.updateStaff({ staffToken: TOKEN, staffId: 1 }))).toBeNull();
    expect(api.updateStaff).toHaveBeenCalledOnce();
    answer({ ok: false, error: { code: 'conflict', message: 'last admin' } });
    expect(await first).toBeNull();
    expect(call.busy).toBe(false);
    expect(call.refusal).toBe('Something just changed on the kiosk. Please look at the board again.');

    stubKiosk({ updateStaff: () => fails('conflict') });
    await call.change(
      (kiosk) => kiosk.updateStaff({ staffToken: TOKEN, staffId: 1 }),
      (error) => (error.code === 'conflict' ? 'The last admin stays.' : undefined),
    );
    expect(call.refusal).toBe('The last admin stays.');

    stubKiosk({ updateStaff: () => fails('unauthorized') });
    expect(await call.change((kiosk) => kiosk.updateStaff({ staffToken: TOKEN, staffId: 1 }))).toBeNull();
    expect(ended).toHaveBeenCalledOnce();
    expect(call.busy).toBe(false);
  });
});
