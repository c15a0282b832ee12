import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../shared/api-methods';
import { bridgeClientScript } from './bridge-client-script';

interface FetchCall {
  url: string;
  init: { method: string; headers: Record<string, string>; body: string };
}

/** Runs the served script in a bare context with a fake document and fetch, and returns what it put on window. */
function loadClient(fetchImpl: (call: FetchCall) => Promise<unknown>, token: string | null = 'page-token') {
  const calls: FetchCall[] = [];
  const window: Record<string, unknown> = {};
  const document = {
    querySelector: (selector: string) =>
      selector === 'meta[name="kiosk-bridge-token"]' && token !== null ? { getAttribute: () => token } : null,
  };
  const fetch = (url: string, init: FetchCall['init']) => {
    calls.push({ url, init });
    return fetchImpl({ url, init });
  };
  runInNewContext(bridgeClientScript(), { window, document, fetch, Object, JSON, String });
  return { kiosk: window.kiosk as Record<string, (input?: unknown) => Promise<unknown>>, calls };
}

const jsonResponse = (status: number, body: unknown) => Promise.resolve({ status, json: () => Promise.resolve(body) });

describe('the bridge client script', () => {
  it('defines exactly one function per API method, and nothing generic', () => {
    const { kiosk } = loadClient(() => jsonResponse(200, { ok: true, value: null }));
    expect(Object.keys(kiosk).sort()).toEqual([...API_METHODS].sort());
    expect(Object.isFrozen(kiosk)).toBe(true);
  });

  it('POSTs {input} with the page token to the method path and returns the result', async () => {
    const { kiosk, calls } = loadClient(() => jsonResponse(200, { ok: true, value: [1] }));
    const result = await kiosk.signIn!({ staffNumber: '1', pin: '1234' });
    expect(result).toEqual({ ok: true, value: [1] });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('/__kiosk/api/signIn');
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.init.headers['X-Kiosk-Token']).toBe('page-token');
    expect(JSON.parse(calls[0]!.init.body)).toEqual({ input: { staffNumber: '1', pin: '1234' } });
  });

  it('passes on an error result the bridge answered with', async () => {
    const refused = { ok: false, error: { code: 'untrusted-sender', message: 'no' } };
    const { kiosk } = loadClient(() => jsonResponse(401, refused), null);
    expect(await kiosk.listRooms!()).toEqual(refused);
  });

  it('turns a network failure into an internal error result', async () => {
    const { kiosk } = loadClient(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await kiosk.listRooms!()).toEqual({
      ok: false,
      error: { code: 'internal', message: 'The kiosk bridge cannot be reached: Failed to fetch' },
    });
  });

  it('turns an answer that is not a result into an internal error result', async () => {
    const { kiosk } = loadClient(() =>
      Promise.resolve({ status: 502, json: () => Promise.reject(new SyntaxError('Unexpected token')) }),
    );
    expect(await kiosk.listRooms!()).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
