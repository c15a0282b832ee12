import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UsageExportResult, UsageReport } from '../../../shared/domain';
import { ManualClock } from '../clock';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { listAuditEntries } from '../repositories/audit-log-repository';
import { addSession } from '../testing/report-fixture';
import { databaseFingerprint } from '../testing/database-fingerprint';
import { makeTempFolder } from '../testing/temp-folder';
import { parseCsv } from '../testing/csv-parser';

let folder: ReturnType<typeof makeTempFolder>;
let core: KioskCore;
let chosen: (name: string) => Promise<string | null>;

async function call<T>(method: string, input?: unknown): Promise<T> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function signIn(staffNumber: string, pin: string): Promise<string> {
  return (await call<{ staffToken: string }>('signIn', { staffNumber, pin })).staffToken;
}

function open(chooseExportFile?: (name: string) => Promise<string | null>) {
  return openKioskCore({
    dataFolder: folder.path,
    clock: new ManualClock(Date.UTC(2026, 3, 1, 9)),
    logger: { error: () => undefined },
    backups: false,
    chooseExportFile,
  });
}

beforeEach(async () => {
  folder = makeTempFolder();
  chosen = (name) => Promise.resolve(join(folder.path, name));
  core = open((name) => chosen(name));
  await call('completeSetup', { kioskName: 'Ward 2', rooms: ['Room 1'], admin: { displayName: 'Ana', pin: '1234' } });
  await call('updateSettings', { staffToken: await signIn('100', '1234'), changes: { timeZone: 'Europe/Madrid' } });
  const staffId = core.db.prepare("SELECT id FROM staff WHERE staff_number = '100'").pluck().get() as number;
  for (let day = 1; day <= 3; day++) {
    addSession(core.db, {
      roomId: 1,
      startedBy: staffId,
      start: `2026-03-0${day}T10:00:00Z`,
      end: `2026-03-0${day}T10:25:00Z`,
      events: [{ at: `2026-03-0${day}T10:01:00Z`, type: 'guide-viewed', detail: { guide: 'cradle' } }],
    });
  }
});
afterEach(() => {
  core.close();
  folder.cleanup();
});

const request = { what: 'sessions', format: 'csv', from: '2026-03-01', to: '2026-03-02' } as const;

describe('usage export through the handler table', () => {
  it('writes the file staff chose, and audits who exported what', async () => {
    const admin = await signIn('100', '1234');
    const result = await call<UsageExportResult>('exportUsage', { staffToken: admin, ...request });
    const path = join(folder.path, 'lactation-sessions-2026-03-01-to-2026-03-02.csv');
    expect(result).toEqual({ outcome: 'written', fileName: path, rows: 2 });
    expect(parseCsv(readFileSync(path, 'utf8').slice(1))).toHaveLength(3);
    // Times carry Madrid's offset (winter, +01:00).
    expect(readFileSync(path, 'utf8')).toContain('2026-03-01T11:00:00+01:00');
    expect(listAuditEntries(core.db)[0]).toMatchObject({
      action: 'export',
      staffId: 1,
      detail: {
        what: 'sessions',
        format: 'csv',
        from: '2026-03-01',
        to: '2026-03-02',
        timeZone: 'Europe/Madrid',
        rows: 2,
        outcome: 'completed',
        via: 'kiosk',
      },
    });
  });

  it('answers cancelled, writing and auditing nothing, when staff close the save dialog', async () => {
    const admin = await signIn('100', '1234');
    chosen = () => Promise.resolve(null);
    const before = databaseFingerprint(core.db);
    expect(await call('exportUsage', { staffToken: admin, ...request })).toEqual({ outcome: 'cancelled' });
    expect(databaseFingerprint(core.db)).toBe(before);
  });

  it('saves into the data folder’s exports/ when no shell chooses, never overwriting', async () => {
    core.close();
    core = open();
    const admin = await signIn('100', '1234');
    const first = await call<{ fileName: string }>('exportUsage', { staffToken: admin, ...request, format: 'json' });
    const second = await call<{ fileName: string }>('exportUsage', { staffToken: admin, ...request, format: 'json' });
    expect(first.fileName).toBe(join(folder.path, 'exports', 'lactation-sessions-2026-03-01-to-2026-03-02.json'));
    expect(second.fileName).toBe(join(folder.path, 'exports', 'lactation-sessions-2026-03-01-to-2026-03-02 (2).json'));
    expect(JSON.parse(readFileSync(second.fileName, 'utf8'))).toHaveLength(2);
  });

  it('waits for the save dialog, and cancels a running export, deleting the partial file', async () => {
    const admin = await signIn('100', '1234');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const path = join(folder.path, 'slow.csv');
    chosen = async () => {
      await gate;
      return path;
    };
    const running = call<UsageExportResult>('exportUsage', { staffToken: admin, ...request });
    // While the save dialog is open nothing runs yet: nothing to show, nothing to cancel.
    expect(await call('getUsageExportProgress', { staffToken: admin })).toMatchObject({ running: false });
    expect(await call('cancelUsageExport', { staffToken: admin })).toEqual({ cancelled: false });
    release();
    expect(await running).toMatchObject({ outcome: 'written', rows: 2 });

    // Cancel from outside while it runs: the service's own signal.
    const controller = new AbortController();
    const cancelled = core.usageExports.toFile(
      request,
      join(folder.path, 'x.csv'),
      { staffId: null, via: 'kiosk' },
      {
        signal: controller.signal,
        onProgress: () => controller.abort(),
      },
    );
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    expect(existsSync(join(folder.path, 'x.csv'))).toBe(false);
    expect(readdirSync(folder.path).filter((name) => name.endsWith('.partial'))).toEqual([]);
    expect(listAuditEntries(core.db)[0]).toMatchObject({ action: 'export', detail: { outcome: 'cancelled' } });
    expect(core.usageExports.progress()).toEqual({ running: false, what: null, rowsDone: 0, rowsTotal: 0 });
  });

  it('through the API, as the app’s screen calls it: rows done of rows to do, then Cancel leaves no file', async () => {
    const admin = await signIn('100', '1234');
    const path = join(folder.path, 'api.csv');
    let during: Promise<unknown> | undefined;
    chosen = () => {
      // Once the file is chosen the export starts; the screen's next poll and its Cancel arrive while it runs.
      setImmediate(() => {
        during = Promise.all([
          call('getUsageExportProgress', { staffToken: admin }),
          call('cancelUsageExport', { staffToken: admin }),
        ]);
      });
      return Promise.resolve(path);
    };
    const result = await call<UsageExportResult>('exportUsage', { staffToken: admin, ...request });
    expect(await during).toEqual([
      { running: true, what: 'sessions', rowsDone: expect.any(Number), rowsTotal: expect.any(Number) },
      { cancelled: true },
    ]);
    expect(result).toEqual({ outcome: 'cancelled' });
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(folder.path).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('stops a running export when staff press cancel', async () => {
    const admin = await signIn('100', '1234');
    let answer: unknown;
    const running = core.usageExports.toFile(
      request,
      join(folder.path, 'c.csv'),
      { staffId: 1, via: 'kiosk' },
      {
        onProgress: () => {
          answer ??= core.dispatch('cancelUsageExport', { staffToken: admin });
        },
      },
    );
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(await answer).toEqual({ ok: true, value: { cancelled: true } });
    expect(existsSync(join(folder.path, 'c.csv'))).toBe(false);
  });

  it('refuses a second export while one is running', async () => {
    let inProgress: Promise<unknown> | undefined;
    let conflict: unknown;
    const first = core.usageExports.toFile(
      request,
      join(folder.path, 'a.csv'),
      { staffId: null, via: 'kiosk' },
      {
        onProgress: () => {
          if (inProgress) return;
          inProgress = core.usageExports
            .toFile(request, join(folder.path, 'b.csv'), { staffId: null, via: 'kiosk' })
            .catch((error: unknown) => (conflict = error));
          expect(core.usageExports.progress()).toMatchObject({ running: true, what: 'sessions' });
        },
      },
    );
    await first;
    await inProgress;
    expect(conflict).toMatchObject({ code: 'conflict' });
    expect(existsSync(join(folder.path, 'b.csv'))).toBe(false);
  });

  it('keeps exports and reports for admins, and refuses bad requests changing nothing', async () => {
    const admin = await signIn('100', '1234');
    await call('addStaff', { staffToken: admin, displayName: 'Bea', role: 'nurse', pin: '5678' });
    const nurse = await signIn('101', '5678');
    const before = databaseFingerprint(core.db);
    for (const method of ['exportUsage', 'getUsageReport', 'getUsageExportProgress', 'cancelUsageExport']) {
      const result = await core.dispatch(method, {
        staffToken: nurse,
        ...(method === 'exportUsage' ? request : {}),
        ...(method === 'getUsageReport' ? { from: '2026-03-01', to: '2026-03-02' } : {}),
      });
      expect(result, method).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await core.dispatch('exportUsage', { staffToken: admin, ...request, roomId: 99 })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(
      await core.dispatch('getUsageReport', { staffToken: admin, from: '2026-03-02', to: '2026-03-01' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringMatching(/start date is after the end date/) },
    });
    expect(databaseFingerprint(core.db)).toBe(before);
  });

  it('answers a report for an admin in the kiosk’s time zone', async () => {
    const admin = await signIn('100', '1234');
    const report = await call<UsageReport>('getUsageReport', {
      staffToken: admin,
      from: '2026-03-01',
      to: '2026-03-03',
    });
    expect(report).toMatchObject({
      timeZone: 'Europe/Madrid',
      sessions: 3,
      duration: { meanSeconds: 1500, medianSeconds: 1500 },
      guides: [{ guide: 'cradle', views: 3 }],
    });
    expect(report.heatMap[0]![11]).toBe(1); // Sunday 1 March, 11:00 in Madrid
  });
});

describe('usage export into a stream (the bridge’s download)', () => {
  it('streams for an admin, audited, and refuses others and bad input', async () => {
    const admin = await signIn('100', '1234');
    const { PassThrough } = await import('node:stream');
    const sink = new PassThrough();
    let text = '';
    sink.on('data', (chunk) => (text += String(chunk)));
    expect(await core.exportUsageToStream({ staffToken: admin, ...request, format: 'json' }, sink)).toEqual({
      ok: true,
      value: { rows: 2 },
    });
    expect(JSON.parse(text)).toHaveLength(2);
    expect(listAuditEntries(core.db)[0]).toMatchObject({ action: 'export', staffId: 1, detail: { rows: 2 } });
    const before = databaseFingerprint(core.db);
    expect(await core.exportUsageToStream({ staffToken: 'A'.repeat(43), ...request }, new PassThrough())).toMatchObject(
      {
        ok: false,
        error: { code: 'unauthorized' },
      },
    );
    expect(
      await core.exportUsageToStream({ staffToken: admin, ...request, from: 'soon' }, new PassThrough()),
    ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(databaseFingerprint(core.db)).toBe(before);
  });
});
