import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertRoom } from '../main/core/repositories/rooms-repository';
import { databaseFingerprint } from '../main/core/testing/database-fingerprint';
import { makeTempFolder } from '../main/core/testing/temp-folder';
import { BRIDGE_CLIENT_PATH } from './bridge-client-script';
import { CONTENT_SECURITY_POLICY, MAX_BODY_BYTES, startBridge, type RunningBridge } from './bridge-server';
import { KIOSK_CSP } from '../shared/content-security-policy';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request sent exactly as written: fetch would normalise `/../` and refuse to set Host. */
function rawRequest(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const TOKEN = 'test-token-test-token-test-token-0123456789a';

describe('the loopback bridge', () => {
  let data: { path: string; cleanup(): void };
  let renderer: { path: string; cleanup(): void };
  let bridge: RunningBridge;

  const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    rawRequest(bridge.port, {
      method: 'POST',
      path: `/__kiosk/api/${method}`,
      headers: { 'Content-Type': 'application/json', 'X-Kiosk-Token': TOKEN, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeEach(async () => {
    data = makeTempFolder('kiosk-bridge-data-');
    renderer = makeTempFolder('kiosk-bridge-renderer-');
    writeFileSync(
      join(renderer.path, 'index.html'),
      '<!doctype html><html><head><title>Kiosk</title><script type="module" src="./assets/app.js"></script></head><body></body></html>',
    );
    mkdirSync(join(renderer.path, 'assets'));
    writeFileSync(join(renderer.path, 'assets', 'app.js'), 'console.log("app");');
    writeFileSync(join(renderer.path, 'assets', 'app.css'), 'body{}');
    bridge = await startBridge({ dataFolder: data.path, rendererDir: renderer.path, token: TOKEN });
  });

  afterEach(async () => {
    await bridge.close();
    data.cleanup();
    renderer.cleanup();
  });

  it('answers a good call through the core dispatch', async () => {
    insertRoom(bridge.core.db, { name: 'Room A' });
    const response = await api('listRooms', { input: {} });
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(response.body)).toEqual({
      ok: true,
      value: [{ id: 1, name: 'Room A', state: 'free', session: null }],
    });
  });

  it('accepts a call without input for methods that take none', async () => {
    const response = await api('getKioskStatus', {});
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, value: { setupRequired: true } });
  });

  it.each([
    ['missing', {}],
    ['wrong', { 'X-Kiosk-Token': `${TOKEN.slice(0, -1)}b` }],
    ['empty', { 'X-Kiosk-Token': '' }],
  ])('refuses a %s token with 401 and leaves the database untouched', async (_label, headers) => {
    const before = databaseFingerprint(bridge.core.db);
    const response = await rawRequest(bridge.port, {
      method: 'POST',
      path: '/__kiosk/api/signIn',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ input: { staffNumber: '1', pin: '0000' } }),
    });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    expect(databaseFingerprint(bridge.core.db)).toBe(before);
  });

  it.each([
    ['a foreign Origin', { Origin: 'http://evil.example' }],
    ['the right host on another port', { Origin: 'http://127.0.0.1:1' }],
    ['an opaque Origin', { Origin: 'null' }],
    ['a cross-site fetch', { 'Sec-Fetch-Site': 'cross-site' }],
    ['a rebinding Host', { Host: 'evil.example' }],
  ])('refuses %s with 403 even with the right token', async (_label, headers) => {
    const before = databaseFingerprint(bridge.core.db);
    const response = await api('signIn', { input: { staffNumber: '1', pin: '0000' } }, headers);
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    expect(databaseFingerprint(bridge.core.db)).toBe(before);
  });

  // The remaining ways round the token and origin checks.
  it('refuses the token in the query string of an API call: only the header counts', async () => {
    const response = await rawRequest(bridge.port, {
      method: 'POST',
      path: `/__kiosk/api/listRooms?token=${TOKEN}`,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ input: {} }),
    });
    expect(response.status).toBe(401);
  });

  it('refuses a same-site (not same-origin) fetch and a request with no Host', async () => {
    const sameSite = await api('listRooms', { input: {} }, { 'Sec-Fetch-Site': 'same-site' });
    expect(sameSite.status).toBe(403);
    const noHost = await new Promise<string>((resolve, reject) => {
      const socket = connect(bridge.port, '127.0.0.1', () => {
        socket.end(
          `POST /__kiosk/api/listRooms HTTP/1.1\r\nX-Kiosk-Token: ${TOKEN}\r\nContent-Type: application/json\r\n` +
            'Content-Length: 12\r\nConnection: close\r\n\r\n{"input":{}}',
        );
      });
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });
    expect(noHost).toMatch(/^HTTP\/1\.1 (400|403) /);
    expect(noHost).not.toContain('"ok":true');
  });

  it('will not start on a data folder it cannot use, and says why', async () => {
    const notAFolder = join(data.path, 'kiosk.db-is-a-file');
    writeFileSync(notAFolder, 'x');
    await expect(startBridge({ dataFolder: notAFolder, rendererDir: renderer.path })).rejects.toMatchObject({
      code: 'storage-unavailable',
      message: expect.stringContaining('Please call IT') as unknown,
    });
  });

  it('accepts its own origin under both loopback names', async () => {
    for (const host of [`127.0.0.1:${bridge.port}`, `localhost:${bridge.port}`]) {
      const response = await api('listRooms', { input: {} }, { Host: host, Origin: `http://${host}` });
      expect(response.status).toBe(200);
    }
  });

  it('refuses a rebinding Host for the page too', async () => {
    const response = await rawRequest(bridge.port, { path: `/?token=${TOKEN}`, headers: { Host: 'evil.example' } });
    expect(response.status).toBe(403);
    expect(response.body).not.toContain(TOKEN);
  });

  it('refuses a body over 64 KiB with 413', async () => {
    const big = JSON.stringify({ input: { padding: 'x'.repeat(MAX_BODY_BYTES) } });
    const response = await api('listRooms', big);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('refuses a chunked body that grows past 64 KiB', async () => {
    const response = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: bridge.port,
          method: 'POST',
          path: '/__kiosk/api/listRooms',
          headers: { 'X-Kiosk-Token': TOKEN, 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let index = 0; index < 20; index++) req.write('x'.repeat(8 * 1024));
      req.end();
    });
    expect(response).toBe(413);
  });

  it('refuses invalid JSON with 400 invalid-input', async () => {
    const response = await api('listRooms', '{"input": ');
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('refuses a JSON body that is not an object', async () => {
    const response = await api('listRooms', '[1,2]');
    expect(response.status).toBe(400);
  });

  it('answers an unknown method with a typed error', async () => {
    const response = await api('dropAllTables', { input: {} });
    expect(JSON.parse(response.body)).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'Unknown kiosk method.' },
    });
  });

  it('answers invalid input with the schema error', async () => {
    const response = await api('signIn', { input: { staffNumber: 'abc', pin: '1' } });
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('takes API calls by POST only', async () => {
    const response = await rawRequest(bridge.port, {
      path: '/__kiosk/api/listRooms',
      headers: { 'X-Kiosk-Token': TOKEN },
    });
    expect(response.status).toBe(405);
  });

  it('refuses the page without the token, or with a wrong one', async () => {
    for (const path of ['/', '/index.html', '/?token=nope', `/?token=${TOKEN}x`]) {
      const response = await rawRequest(bridge.port, { path });
      expect(response.status, path).toBe(403);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      expect(response.body).not.toContain(TOKEN);
    }
  });

  it('serves the page with the token meta and the bridge script before the app script', async () => {
    const response = await rawRequest(bridge.port, { path: `/?token=${TOKEN}` });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    // One policy for both: the bridge sends exactly what the Electron shell sends.
    expect(response.headers['content-security-policy']).toBe(KIOSK_CSP);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toBe('no-store');
    const meta = response.body.indexOf(`<meta name="kiosk-bridge-token" content="${TOKEN}">`);
    const client = response.body.indexOf(`<script src="${BRIDGE_CLIENT_PATH}"></script>`);
    const app = response.body.indexOf('<script type="module"');
    expect(meta).toBeGreaterThan(-1);
    expect(client).toBeGreaterThan(meta);
    expect(app).toBeGreaterThan(client);
  });

  it('serves static files with their content type', async () => {
    const script = await rawRequest(bridge.port, { path: '/assets/app.js' });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toBe('console.log("app");');
    const style = await rawRequest(bridge.port, { path: '/assets/app.css' });
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    const client = await rawRequest(bridge.port, { path: BRIDGE_CLIENT_PATH });
    expect(client.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(client.body).toContain('"listRooms"');
    expect((await rawRequest(bridge.port, { path: '/assets/missing.js' })).status).toBe(404);
  });

  it.each([
    '/../package.json',
    '/assets/../../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E%2Fpackage.json',
    '/assets/..%2f..%2fpackage.json',
    '/..%5c..%5cpackage.json',
    '/%00index.html',
    '/%E0%A4%A',
  ])('refuses the traversal %s', async (path) => {
    const response = await rawRequest(bridge.port, { path });
    expect([400, 403]).toContain(response.status);
    expect(response.body).not.toContain('"name"');
  });

  it('binds to 127.0.0.1 only', async () => {
    expect(new URL(bridge.url).hostname).toBe('127.0.0.1');
    // Bound to 0.0.0.0 or :: it would answer on the other loopback addresses and on the machine's own interfaces too.
    const otherAddresses = [
      '127.0.0.2',
      '::1',
      ...Object.values(networkInterfaces())
        .flat()
        .filter((entry) => entry !== undefined && !entry.internal)
        .map((entry) => entry!.address),
    ];
    for (const host of otherAddresses) {
      const outcome = await new Promise<string>((resolve) => {
        const req = request({ host, port: bridge.port, path: '/' }, (res) => {
          res.resume();
          resolve('connected');
        });
        req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
        req.end();
      });
      expect(outcome, host).not.toBe('connected');
    }
  });

  it('close() stops listening and closes the database', async () => {
    await bridge.close();
    expect(bridge.core.db.open).toBe(false);
    await expect(rawRequest(bridge.port, { path: '/' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await bridge.close(); // twice is harmless
  });
});
