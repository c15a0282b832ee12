import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS, ipcChannel } from '../shared/api-methods';
import { openKioskCore, type KioskCore } from './core/kiosk-core';
import { KIOSK_ORIGIN } from './trusted-sender';

type Handler = (event: unknown, input: unknown) => Promise<unknown>;

// The real 'electron' package must never load under plain Node (it would try to download its binary), so the one
// thing ipc-handlers.ts takes from it, ipcMain, is replaced by a registry of handlers.
const registered = vi.hoisted(() => new Map<string, Handler>());
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => {
      if (registered.has(channel)) throw new Error(`second handler for ${channel}`);
      registered.set(channel, handler);
    },
    removeHandler: (channel: string) => registered.delete(channel),
  },
}));

const { registerIpcHandlers } = await import('./ipc-handlers');

const fromFrame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });
const call = (method: string, event: unknown, input: unknown = {}) => registered.get(`kiosk:${method}`)!(event, input);

let folder: string;
let core: KioskCore;
let unregister: () => void;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'kiosk-ipc-'));
  core = openKioskCore({ dataFolder: folder, logger: { error: () => {} } });
  unregister = registerIpcHandlers(core.dispatch, [KIOSK_ORIGIN]);
});

afterEach(() => {
  unregister();
  core.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('registerIpcHandlers', () => {
  it('registers exactly one handler per API method, on its own channel', () => {
    expect([...registered.keys()].sort()).toEqual(API_METHODS.map(ipcChannel).sort());
  });

  it('passes calls from our main frame to core', async () => {
    const result = await call('listRooms', fromFrame('kiosk://app/index.html'));
    expect(result).toMatchObject({ ok: true });
    expect(Array.isArray((result as { value: unknown }).value)).toBe(true);
  });

  it('lets core refuse bad input from a trusted sender', async () => {
    expect(await call('signIn', fromFrame('kiosk://app/index.html'), { staffNumber: 'x', pin: '1' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it.each([
    ['a foreign origin', fromFrame('https://evil.example/')],
    ['a look-alike origin', fromFrame('kiosk://app.evil/index.html')],
    ['a sub-frame of our page', fromFrame('kiosk://app/index.html', { url: 'kiosk://app/index.html' })],
    ['a frame that is gone', { senderFrame: null }],
    [
      'a disposed frame',
      {
        get senderFrame() {
          throw new Error('Render frame was disposed before WebFrameMain could be accessed');
        },
      },
    ],
  ])('answers untrusted-sender to %s without reaching core', async (_label, event) => {
    const dispatch = vi.fn(core.dispatch);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    unregister();
    unregister = registerIpcHandlers(dispatch, [KIOSK_ORIGIN]);
    for (const method of API_METHODS) {
      expect(await call(method, event)).toEqual({
        ok: false,
        error: { code: 'untrusted-sender', message: expect.any(String) },
      });
    }
    expect(dispatch).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(API_METHODS.length);
    warn.mockRestore();
  });

  it('removes its handlers again', () => {
    unregister();
    expect(registered.size).toBe(0);
    unregister = () => {};
  });
});
