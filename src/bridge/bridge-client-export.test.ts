import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { bridgeClientScript } from './bridge-client-script';

interface FakeResponse {
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  blob(): Promise<unknown>;
}

function response(status: number, headers: Record<string, string>, body: unknown, blobFails = false): FakeResponse {
  const lower = Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
  return {
    ok: status >= 200 && status < 300,
    status,
    headers: { get: (name) => lower[name.toLowerCase()] ?? null },
    json: () => Promise.resolve(body),
    blob: () => (blobFails ? Promise.reject(new TypeError('network error')) : Promise.resolve({ blob: body })),
  };
}

/** Loads the served script with fakes for fetch, the document (anchor clicks) and blob URLs. */
function loadClient(
  answer: (url: string, init: { body: string; headers: Record<string, string> }) => Promise<FakeResponse>,
) {
  const clicks: { href: string; download: string }[] = [];
  const revoked: string[] = [];
  const calls: { url: string; body: unknown }[] = [];
  const window: Record<string, unknown> = {};
  const document = {
    querySelector: () => ({ getAttribute: () => 'page-token' }),
    createElement: () => {
      const link = {
        href: '',
        download: '',
        hidden: false,
        click: () => clicks.push({ href: link.href, download: link.download }),
        remove: () => undefined,
      };
      return link;
    },
    body: { appendChild: () => undefined },
  };
  const URL = { createObjectURL: () => 'blob:http://127.0.0.1/1', revokeObjectURL: (url: string) => revoked.push(url) };
  const fetch = (url: string, init: { body: string; headers: Record<string, string> }) => {
    calls.push({ url, body: JSON.parse(init.body) });
    return answer(url, init);
  };
  const setTimeout = (run: () => void) => run();
  runInNewContext(bridgeClientScript(), { window, document, fetch, URL, setTimeout, Object, JSON, String, Number });
  return { kiosk: window.kiosk as Record<string, (input?: unknown) => Promise<unknown>>, clicks, revoked, calls };
}

const INPUT = { staffToken: 't', what: 'sessions', format: 'csv', from: '2026-03-01', to: '2026-03-31' };
const ATTACHMENT = {
  'Content-Disposition': 'attachment; filename="lactation-sessions-2026-03-01-to-2026-03-31.csv"',
  'X-Kiosk-Export-Rows': '42',
};

describe('the bridge client: exportUsage as a download', () => {
  it('POSTs the input to the download endpoint with the page token and downloads the answer', async () => {
    const { kiosk, clicks, revoked, calls } = loadClient((_url, init) => {
      expect(init.headers['X-Kiosk-Token']).toBe('page-token');
      return Promise.resolve(response(200, ATTACHMENT, 'id,room\r\n'));
    });
    expect(await kiosk.exportUsage!(INPUT)).toEqual({
      ok: true,
      value: { outcome: 'written', fileName: 'lactation-sessions-2026-03-01-to-2026-03-31.csv', rows: 42 },
    });
    expect(calls).toEqual([{ url: '/__kiosk/export', body: INPUT }]);
    expect(clicks).toEqual([
      { href: 'blob:http://127.0.0.1/1', download: 'lactation-sessions-2026-03-01-to-2026-03-31.csv' },
    ]);
    expect(revoked).toEqual(['blob:http://127.0.0.1/1']);
  });

  it('passes on a refusal as the ApiResult it is, downloading nothing', async () => {
    const refusal = { ok: false, error: { code: 'invalid-input', message: 'Invalid input for exportUsage.' } };
    const { kiosk, clicks } = loadClient(() => Promise.resolve(response(400, {}, refusal)));
    expect(await kiosk.exportUsage!(INPUT)).toEqual(refusal);
    expect(clicks).toEqual([]);
  });

  it('does not take a JSON export for a refusal: the attachment header decides', async () => {
    const { kiosk, clicks } = loadClient(() =>
      Promise.resolve(
        response(200, { ...ATTACHMENT, 'Content-Type': 'application/json' }, { ok: false, error: { code: 'x' } }),
      ),
    );
    expect(await kiosk.exportUsage!(INPUT)).toMatchObject({ ok: true, value: { outcome: 'written' } });
    expect(clicks).toHaveLength(1);
  });

  it('answers cancelled when a download cut short follows Cancel, and an error when nobody cancelled', async () => {
    let finishDownload: (value: FakeResponse) => void = () => undefined;
    const { kiosk, clicks } = loadClient((url) => {
      if (url === '/__kiosk/export') return new Promise((resolve) => (finishDownload = resolve));
      return Promise.resolve(response(200, {}, { ok: true, value: { cancelled: true } }));
    });
    const download = kiosk.exportUsage!(INPUT);
    await kiosk.cancelUsageExport!({ staffToken: 't' });
    finishDownload(response(200, ATTACHMENT, null, true));
    expect(await download).toEqual({ ok: true, value: { outcome: 'cancelled' } });

    const again = kiosk.exportUsage!(INPUT);
    finishDownload(response(200, ATTACHMENT, null, true));
    expect(await again).toEqual({
      ok: false,
      error: { code: 'internal', message: 'The export stopped before it was complete.' },
    });
    expect(clicks).toEqual([]);
  });
});
