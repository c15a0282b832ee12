import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CsvSeparator, ExportSubject } from '../../../shared/domain';
import { ManualClock } from '../clock';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { renameRoom } from '../repositories/rooms-repository';
import { makeTempFolder } from '../testing/temp-folder';
import { formulaCells, parseCsv, readLikeSpreadsheet } from '../testing/csv-parser';

/**
 * Exports read back the way spreadsheets in other locales read them: Spanish, French and German Excel split on ";",
 * others on ",", pasted text on TAB. Hostile text comes from an admin's room name and from an event detail a parent's
 * screen sends without any sign-in. No cell may start a formula, in any of those readings.
 */
let folder: string;
let core: KioskCore;
let tempCleanup: () => void;

async function call<T>(method: string, input?: unknown): Promise<T> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const HOSTILE = ['a;=1+2', 'b,+cmd', 'c\t@SUM(A1)', 'd\n-2+3', '=HYPERLINK("http://x";"y")', 'e";=1'];

beforeEach(async () => {
  const temp = makeTempFolder();
  folder = temp.path;
  tempCleanup = temp.cleanup;
  core = openKioskCore({
    dataFolder: folder,
    clock: new ManualClock(Date.UTC(2026, 2, 3, 9)),
    logger: { error: () => undefined },
    backups: false,
    housekeepingEveryMinute: false,
    chooseExportFile: (name) => Promise.resolve(join(folder, name)),
  });
  await call('completeSetup', { kioskName: 'Ward 2', rooms: ['Room 1'], admin: { displayName: 'Ana', pin: '1234' } });
  // Through the repository: an admin's rename screen may be stricter, the export must not rely on it.
  renameRoom(core.db, 1, 'Sala;=1+2');
  const { staffToken } = await call<{ staffToken: string }>('signIn', { staffNumber: '100', pin: '1234' });
  const session = await call<{ id: string }>('startSession', {
    staffToken,
    roomId: 1,
    kind: 'pumping',
    language: 'es',
  });
  // recordSessionEvent needs no sign-in: whatever the parent's screen sends reaches the export.
  for (const [index, text] of HOSTILE.entries()) {
    await call('recordSessionEvent', {
      sessionId: session.id,
      type: 'slide-viewed',
      detail: { slide: text, n: index },
    });
  }
  await call('endSession', { sessionId: session.id, reason: 'completed' });
});
afterEach(() => {
  core.close();
  tempCleanup();
});

async function exportCsv(what: ExportSubject, separator: CsvSeparator): Promise<string> {
  const { staffToken } = await call<{ staffToken: string }>('signIn', { staffNumber: '100', pin: '1234' });
  const result = await call<{ fileName: string }>('exportUsage', {
    staffToken,
    what,
    format: 'csv',
    separator,
    from: '2026-03-01',
    to: '2026-03-31',
  });
  return readFileSync(result.fileName, 'utf8');
}

it.each([
  ['sessions', ','],
  ['sessions', ';'],
  ['events', ','],
  ['events', ';'],
] as const)('a %s export with "%s" has no formula cell in any locale', async (what, separator) => {
  const text = await exportCsv(what, separator);
  for (const splitOn of [';', ',', '\t']) {
    for (const ignoreQuotes of [false, true]) {
      expect(
        formulaCells(readLikeSpreadsheet(text, splitOn, ignoreQuotes)),
        `split on ${JSON.stringify(splitOn)}`,
      ).toEqual([]);
    }
  }
  // Read with its own separator it is ordinary RFC 4180: one header, the rows, every column in place.
  const records = parseCsv(text.slice(1), separator);
  expect(records.length).toBe(what === 'sessions' ? 2 : 1 + HOSTILE.length);
  expect(new Set(records.map((record) => record.length)).size).toBe(1);
  // Inside the detail's JSON a TAB or line break is written escaped (\\t, \\n): nothing there to split on.
  if (what === 'sessions') expect(records[1]![1]).toBe("Sala;'=1+2");
  else
    expect(
      records
        .slice(1)
        .map((record) => JSON.parse(record[4]!) as { slide: string })
        .map((d) => d.slide),
    ).toEqual(["a;'=1+2", "b,'+cmd", 'c\t@SUM(A1)', 'd\n-2+3', '\'=HYPERLINK("http://x";"y")', 'e";\'=1']);
});

it('refuses a separator for a format other than CSV, and an unknown separator', async () => {
  const { staffToken } = await call<{ staffToken: string }>('signIn', { staffNumber: '100', pin: '1234' });
  const base = { staffToken, what: 'sessions', from: '2026-03-01', to: '2026-03-31' };
  for (const input of [
    { ...base, format: 'xlsx', separator: ';' },
    { ...base, format: 'csv', separator: '|' },
  ]) {
    expect(await core.dispatch('exportUsage', input)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  }
});
