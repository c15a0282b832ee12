import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { UsageExportProgress } from '../shared/domain';
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
interface FakeInit {
  body: string;
  headers: Record<string, string>;
  signal?: AbortSignal;
}

function loadClient(answer: (url: string, init: FakeInit) => Promise<FakeResponse>) {
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
  const signals: AbortSignal[] = [];
  // Like the browser's fetch: an aborted request rejects at once with an AbortError.
  const fetch = (url: string, init: FakeInit) => {
    calls.push({ url, body: JSON.parse(init.body) });
    const answered = answer(url, init);
    const signal = init.signal;
    if (!signal) return answered;
    signals.push(signal);
    return new Promise<FakeResponse>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(new DOMException('The user aborted a request.', 'AbortError')));
      answered.then(resolve, reject);
    });
  };
  const setTimeout = (run: () => void) => run();
  runInNewContext(bridgeClientScript(), {
    window,
    document,
    fetch,
    URL,
    setTimeout,
    AbortController,
    Object,
    JSON,
    String,
    Number,
    Math,
  });
  return {
    kiosk: window.kiosk as Record<string, (input?: unknown) => Promise<unknown>>,
    clicks,
    revoked,
    calls,
    signals,
  };
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

  it('aborts the download in flight on Cancel: the request stops and nothing is downloaded', async () => {
    const { kiosk, clicks, signals } = loadClient((url) => {
      if (url === '/__kiosk/export') return new Promise<FakeResponse>(() => undefined);
      // The core may already have finished sending: the download is stopped all the same.
      return Promise.resolve(response(200, {}, { ok: true, value: { cancelled: false } }));
    });
    const download = kiosk.exportUsage!(INPUT);
    expect(await kiosk.cancelUsageExport!({ staffToken: 't' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(signals[0]?.aborted).toBe(true);
    expect(await download).toEqual({ ok: true, value: { outcome: 'cancelled' } });
    expect(clicks).toEqual([]);
    // With no download running, the core's answer is passed on as it is.
    expect(await kiosk.cancelUsageExport!({ staffToken: 't' })).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('never hands over a file whose last bytes arrived after Cancel', async () => {
    let finishBody: (body: unknown) => void = () => undefined;
    const { kiosk, clicks } = loadClient((url) => {
      if (url !== '/__kiosk/export')
        return Promise.resolve(response(200, {}, { ok: true, value: { cancelled: false } }));
      const whole = response(200, ATTACHMENT, null);
      return Promise.resolve({ ...whole, blob: () => new Promise((resolve) => (finishBody = resolve)) });
    });
    const download = kiosk.exportUsage!(INPUT);
    await new Promise((resolve) => setImmediate(resolve));
    await kiosk.cancelUsageExport!({ staffToken: 't' });
    finishBody({ blob: 'id,room\r\n' });
    expect(await download).toEqual({ ok: true, value: { outcome: 'cancelled' } });
    expect(clicks).toEqual([]);
  });

  it('reports rows done of the file’s row count until the browser holds the whole file', async () => {
    let coreProgress: UsageExportProgress = { running: true, what: 'events', rowsDone: 10, rowsTotal: 42 };
    let finishBody: (body: unknown) => void = () => undefined;
    const { kiosk } = loadClient((url) => {
      if (url === '/__kiosk/api/getUsageExportProgress')
        return Promise.resolve(response(200, {}, { ok: true, value: coreProgress }));
      const whole = response(200, ATTACHMENT, null);
      return Promise.resolve({ ...whole, blob: () => new Promise((resolve) => (finishBody = resolve)) });
    });
    const idle: UsageExportProgress = { running: false, what: null, rowsDone: 0, rowsTotal: 0 };
    coreProgress = idle;
    expect(await kiosk.getUsageExportProgress!({ staffToken: 't' })).toEqual({ ok: true, value: idle });

    const download = kiosk.exportUsage!({ ...INPUT, what: 'events' });
    await new Promise((resolve) => setImmediate(resolve));
    coreProgress = { running: true, what: 'events', rowsDone: 10, rowsTotal: 42 };
    expect(await kiosk.getUsageExportProgress!({ staffToken: 't' })).toEqual({
      ok: true,
      value: { running: true, what: 'events', rowsDone: 10, rowsTotal: 42 },
    });
    // The core has sent every row and stopped; the last bytes are still on their way.
    coreProgress = idle;
    expect(await kiosk.getUsageExportProgress!({ staffToken: 't' })).toEqual({
      ok: true,
      value: { running: true, what: 'events', rowsDone: 42, rowsTotal: 42 },
    });
    finishBody({ blob: '[]' });
    expect(await download).toMatchObject({ ok: true, value: { outcome: 'written', rows: 42 } });
    expect(await kiosk.getUsageExportProgress!({ staffToken: 't' })).toEqual({ ok: true, value: idle });
  });
});
