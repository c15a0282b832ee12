import { afterEach, describe, expect, it } from 'vitest';
import { ok, stubKiosk } from '../testing/stub-kiosk';
import { KEEP_ALIVE_MS, staffSession } from './staff-session.svelte';

const SIGN_IN = { staffToken: 'T'.repeat(43), staffNumber: '100', role: 'admin' as const, expiresAt: 0 };

afterEach(() => staffSession.reset());

describe('staff session keep-alive', () => {
  it('refreshes the core sign-in at most once per interval while staff are active', () => {
    const api = stubKiosk({ keepSignedIn: () => ok({ expiresAt: 1 }) });
    staffSession.begin(SIGN_IN);
    staffSession.keepAlive(1_000);
    staffSession.keepAlive(1_000 + KEEP_ALIVE_MS - 1);
    expect(api.keepSignedIn).toHaveBeenCalledTimes(1);
    expect(api.keepSignedIn).toHaveBeenCalledWith({ staffToken: SIGN_IN.staffToken });
    staffSession.keepAlive(1_000 + KEEP_ALIVE_MS);
    expect(api.keepSignedIn).toHaveBeenCalledTimes(2);
  });

  it('does nothing when nobody is signed in', () => {
    const api = stubKiosk({});
    staffSession.keepAlive(5_000);
    expect(api.keepSignedIn).not.toHaveBeenCalled();
  });

  it('never writes the token to storage', () => {
    stubKiosk({ keepSignedIn: () => ok({ expiresAt: 1 }) });
    staffSession.begin(SIGN_IN);
    staffSession.keepAlive(1);
    expect(JSON.stringify({ ...localStorage })).not.toContain(SIGN_IN.staffToken);
    expect(JSON.stringify({ ...sessionStorage })).not.toContain(SIGN_IN.staffToken);
  });
});
