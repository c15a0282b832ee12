import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallerContext } from '../api/caller-context';
import { ManualClock } from '../clock';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { listAuditEntries } from '../repositories/audit-log-repository';
import { seedStaff } from '../testing/seed-staff';
import { makeTempFolder } from '../testing/temp-folder';

/** The start of a PDF as Chromium prints one; the kiosk checks the header and never parses the rest. */
const PDF = Buffer.from(
  '%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
const T0 = Date.UTC(2026, 11, 3, 9);

let folder: ReturnType<typeof makeTempFolder>;
let core: KioskCore;
let chosen: string | null;
let adminToken: string;
let nurseToken: string;
const exportsFolder = () => join(folder.path, 'exports');

async function signIn(staffNumber: string, pin: string): Promise<string> {
  const result = await core.dispatch('signIn', { staffNumber, pin });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as { staffToken: string }).staffToken;
}

const printer = (print: () => Promise<Uint8Array>): CallerContext => ({ printToPdf: vi.fn(print) });
const pdfAudits = () => listAuditEntries(core.db).filter((entry) => entry.action === 'report-pdf');

beforeEach(async () => {
  folder = makeTempFolder();
  chosen = null;
  core = openKioskCore({
    dataFolder: folder.path,
    clock: new ManualClock(T0),
    logger: { error: () => undefined },
    // The save dialog: answers the path staff chose, or null when they cancel; null-path tests set `chosen`.
    chooseExportFile: (name) => Promise.resolve(chosen === 'cancel' ? null : (chosen ?? join(folder.path, name))),
  });
  await seedStaff(core.db, { staffNumber: '100', pin: '9876', role: 'admin' });
  await seedStaff(core.db, { staffNumber: '42', pin: '2468', role: 'nurse' });
  adminToken = await signIn('100', '9876');
  nurseToken = await signIn('42', '2468');
});
afterEach(() => {
  core.close();
  folder.cleanup();
});

describe('saving the monthly summary as a PDF', () => {
  it('tells the screen whether this caller can save a PDF', async () => {
    expect(await core.dispatch('getKioskStatus', {})).toMatchObject({ ok: true, value: { canSavePdf: false } });
    expect(
      await core.dispatch(
        'getKioskStatus',
        {},
        printer(() => Promise.resolve(PDF)),
      ),
    ).toMatchObject({
      ok: true,
      value: { canSavePdf: true },
    });
  });

  it('writes the printed page where staff chose, and audits it', async () => {
    const result = await core.dispatch(
      'saveReportPdf',
      { staffToken: adminToken, month: '2026-11' },
      printer(() => Promise.resolve(PDF)),
    );
    const path = join(folder.path, 'lactation-report-2026-11.pdf');
    expect(result).toEqual({ ok: true, value: { outcome: 'written', fileName: path } });
    expect(readFileSync(path)).toEqual(PDF);
    expect(pdfAudits()).toEqual([
      expect.objectContaining({ at: T0, detail: { month: '2026-11', outcome: 'written', bytes: PDF.length } }),
    ]);
    expect(readdirSync(folder.path).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('goes to the data folder’s exports/ folder without a save dialog, never over an earlier file', async () => {
    core.close();
    core = openKioskCore({ dataFolder: folder.path, clock: new ManualClock(T0), logger: { error: () => undefined } });
    const token = await signIn('100', '9876');
    const print = printer(() => Promise.resolve(PDF));
    await core.dispatch('saveReportPdf', { staffToken: token, month: '2026-11' }, print);
    await core.dispatch('saveReportPdf', { staffToken: token, month: '2026-11' }, print);
    expect(readdirSync(exportsFolder()).sort()).toEqual([
      'lactation-report-2026-11 (2).pdf',
      'lactation-report-2026-11.pdf',
    ]);
  });

  it('asks the dialog in the admin screen’s language', async () => {
    core.close();
    const asked: [string, string | undefined][] = [];
    core = openKioskCore({
      dataFolder: folder.path,
      clock: new ManualClock(T0),
      logger: { error: () => undefined },
      chooseExportFile: (name, language) => {
        asked.push([name, language]);
        return Promise.resolve(null);
      },
    });
    const token = await signIn('100', '9876');
    await core.dispatch(
      'saveReportPdf',
      { staffToken: token, month: '2026-11', language: 'es' },
      printer(() => Promise.resolve(PDF)),
    );
    expect(asked).toEqual([['lactation-report-2026-11.pdf', 'es']]);
  });

  it('prints nothing and writes nothing when staff close the dialog', async () => {
    chosen = 'cancel';
    const print = printer(() => Promise.resolve(PDF));
    const result = await core.dispatch('saveReportPdf', { staffToken: adminToken, month: '2026-11' }, print);
    expect(result).toEqual({ ok: true, value: { outcome: 'cancelled' } });
    expect(print.printToPdf).not.toHaveBeenCalled();
    expect(pdfAudits()).toEqual([expect.objectContaining({ detail: { month: '2026-11', outcome: 'cancelled' } })]);
  });

  it.each([
    ['a page that did not print', () => Promise.reject(new Error('printing failed'))],
    ['bytes that are not a PDF', () => Promise.resolve(Buffer.from('<html>not a pdf</html>'))],
  ])('leaves an earlier file as it was after %s, and audits the failure', async (_label, print) => {
    const path = join(folder.path, 'lactation-report-2026-11.pdf');
    writeFileSync(path, 'last month’s copy');
    const result = await core.dispatch('saveReportPdf', { staffToken: adminToken, month: '2026-11' }, printer(print));
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(readFileSync(path, 'utf8')).toBe('last month’s copy');
    expect(readdirSync(folder.path).filter((name) => name.endsWith('.partial'))).toEqual([]);
    expect(pdfAudits()).toEqual([expect.objectContaining({ detail: { month: '2026-11', outcome: 'failed' } })]);
  });

  it('needs a caller that can print: the browser bridge is told to use Print', async () => {
    const result = await core.dispatch('saveReportPdf', { staffToken: adminToken, month: '2026-11' });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/Print/) } });
    expect(existsSync(join(folder.path, 'lactation-report-2026-11.pdf'))).toBe(false);
    expect(pdfAudits()).toEqual([]);
  });

  it.each([
    ['a nurse', () => ({ staffToken: nurseToken, month: '2026-11' }), 'forbidden'],
    ['no sign-in', () => ({ staffToken: 'Z'.repeat(43), month: '2026-11' }), 'unauthorized'],
    ['a month that does not exist', () => ({ staffToken: adminToken, month: '2026-13' }), 'invalid-input'],
    ['a path from the page', () => ({ staffToken: adminToken, month: '2026-11', path: '/etc/x.pdf' }), 'invalid-input'],
  ])('refuses %s, printing and writing nothing', async (_label, input, code) => {
    const print = printer(() => Promise.resolve(PDF));
    expect(await core.dispatch('saveReportPdf', input(), print)).toMatchObject({ ok: false, error: { code } });
    expect(print.printToPdf).not.toHaveBeenCalled();
    expect(readdirSync(folder.path).filter((name) => name.endsWith('.pdf'))).toEqual([]);
    expect(pdfAudits()).toEqual([]);
  });
});
