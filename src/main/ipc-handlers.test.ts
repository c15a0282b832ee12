import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS, ipcChannel } from '../shared/api-methods';
import { openKioskCore, type KioskCore } from './core/kiosk-core';
import { seedStaff } from './core/testing/seed-staff';
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

const { registerIpcHandlers, REPORT_PDF_OPTIONS } = await import('./ipc-handlers');

/** A minimal PDF, as a page printed by Chromium starts: the kiosk checks the header, never parses the rest. */
const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n', 'latin1');
const printToPDF = vi.fn(() => Promise.resolve(PDF));
const fromFrame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent }, sender: { printToPDF } });
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

  it('lets core print the calling page to a PDF, with the report options', async () => {
    const kiosk = fromFrame('kiosk://app/index.html');
    expect(await call('getKioskStatus', kiosk)).toMatchObject({ ok: true, value: { canSavePdf: true } });
    await seedStaff(core.db, { staffNumber: '100', pin: '9876', role: 'admin' });
    const signedIn = (await call('signIn', kiosk, { staffNumber: '100', pin: '9876' })) as {
      value: { staffToken: string };
    };
    const saved = (await call('saveReportPdf', kiosk, { staffToken: signedIn.value.staffToken, month: '2026-11' })) as {
      ok: true;
      value: { outcome: 'written'; fileName: string };
    };
    expect(saved).toMatchObject({ ok: true, value: { outcome: 'written' } });
    expect(basename(saved.value.fileName)).toBe('lactation-report-2026-11.pdf');
    expect(readFileSync(saved.value.fileName)).toEqual(PDF);
    expect(printToPDF).toHaveBeenCalledWith(REPORT_PDF_OPTIONS);
    expect(REPORT_PDF_OPTIONS).toMatchObject({ pageSize: 'A4', preferCSSPageSize: true, printBackground: true });
  });

  it('removes its handlers again', () => {
    unregister();
    expect(registered.size).toBe(0);
    unregister = () => {};
  });
});
