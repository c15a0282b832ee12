import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { saveSettings } from '../main/core/services/settings-service';
import { commandStreams } from '../main/core/testing/command-streams';
import { makeTempFolder } from '../main/core/testing/temp-folder';
import { connectionFlags } from '../main/fleet/testing/connection-flags';
import { fleetDatabaseForFile } from '../main/fleet/testing/fleet-database-for-file';
import { deliverEverything, joinTestKiosk, storedCredentials } from '../main/fleet/testing/joined-kiosk';
import { createTestKiosk, type TestKiosk } from '../main/fleet/testing/test-kiosk';
import { runExportCommand } from './export-command';
import { runFleetCommand } from './fleet-command';

const ZONE = 'America/New_York';
const RANGE = ['--from', '2026-03-31', '--to', '2026-04-02'];
const fleet = fleetDatabaseForFile();
let out: ReturnType<typeof makeTempFolder>;
const kiosks: { name: string; kiosk: TestKiosk; kioskId: string; password: string }[] = [];
const REPORTER = { user: '', password: '' };

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const { stdin, stdout, stderr, output } = commandStreams();
  const code = await runExportCommand(argv, { stdin, stdout, stderr, env });
  return { code, ...output };
}

const connection = (user: string) => connectionFlags(fleet.owner, user);

beforeAll(async () => {
  out = makeTempFolder('fleet-export-');
  // The reporter is made as IT would: `fleet add-reporter`, with the owner's credentials.
  const { stdin, stdout, stderr, output } = commandStreams();
  const code = await runFleetCommand(['add-reporter', ...connection(fleet.owner.user), '--name', 'it'], {
    stdin,
    stdout,
    stderr,
    env: { PGPASSWORD: fleet.owner.password },
  });
  expect(code).toBe(0);
  REPORTER.user = /role (\S+):/.exec(output.out)![1]!;
  REPORTER.password = output.out.trim().split('\n').at(-1)!;
  for (const [name, visits] of [
    ['4 West', 5],
    ['5 East, "annex"', 3],
    ['=NICU', 4],
  ] as const) {
    const kiosk = createTestKiosk();
    saveSettings(kiosk.db, { timeZone: ZONE });
    kiosk.writeVisits(visits, { open: name === '4 West' });
    const { kioskId } = await joinTestKiosk(fleet.owner, kiosk, name);
    await deliverEverything(kiosk, kioskId);
    kiosks.push({ name, kiosk, kioskId, password: storedCredentials(kiosk).password });
  }
}, 60_000);
afterAll(() => {
  for (const { kiosk } of kiosks) kiosk.close();
  out?.cleanup();
});

const records = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .slice(0, -1);

it('writes every kiosk’s sessions as the union of their single-kiosk CSVs, with the kiosk’s name first', async () => {
  const expected: string[] = [];
  let header = '';
  for (const { name, kiosk } of kiosks) {
    const file = `${out.path}/kiosk-${kiosks.indexOf(kiosks.find((k) => k.kiosk === kiosk)!)}.csv`;
    expect(await run(['--data-dir', kiosk.folder, ...RANGE, '--out', file])).toMatchObject({ code: 0 });
    const [head, ...rows] = records(readFileSync(file, 'utf8'));
    header = head!;
    const quotedName = name.startsWith('=') ? `"'${name}"` : `"${name.replaceAll('"', '""')}"`;
    expected.push(...rows.map((row) => `${quotedName},${row}`));
  }
  const fleetFile = `${out.path}/fleet.csv`;
  const result = await run(
    ['--fleet', ...RANGE, '--time-zone', ZONE, '--out', fleetFile, ...connection(REPORTER.user)],
    {
      PGPASSWORD: REPORTER.password,
    },
  );
  expect(result).toMatchObject({ code: 0, out: /Wrote 12 sessions of every kiosk/ });
  const text = readFileSync(fleetFile, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [head, ...rows] = records(text);
  expect(head).toBe(`"kiosk",${header}`);
  expect(rows).toHaveLength(12);
  expect(rows.slice().sort()).toEqual(expected.slice().sort());
  // Start order across kiosks, as the single-kiosk file is in start order.
  const starts = rows.map((row) => /"(\d{4}-\d\d-\d\dT[^"]+)"/.exec(row)![1]!);
  expect(starts).toEqual(starts.slice().sort());
});

it('writes an empty range as the kiosk writes one: a JSON array and a workbook with only the header', async () => {
  const empty = ['--from', '2025-01-01', '--to', '2025-01-02'];
  const [first] = kiosks as [(typeof kiosks)[number]];
  for (const format of ['json', 'xlsx'] as const) {
    const own = `${out.path}/empty-own.${format}`;
    expect(
      await run(['--data-dir', first.kiosk.folder, ...empty, '--what', 'events', '--format', format, '--out', own]),
    ).toMatchObject({ code: 0 });
    const fleetFile = `${out.path}/empty-fleet.${format}`;
    const argv = ['--fleet', ...empty, '--what', 'events', '--format', format, '--time-zone', ZONE, '--out', fleetFile];
    expect(await run([...argv, ...connection(REPORTER.user)], { PGPASSWORD: REPORTER.password })).toMatchObject({
      code: 0,
      out: /Wrote 0 events of every kiosk/,
    });
    if (format === 'json') expect(readFileSync(fleetFile, 'utf8')).toBe(readFileSync(own, 'utf8'));
    else {
      const header = (file: string) =>
        XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(readFileSync(file)).Sheets.events!, { header: 1 });
      expect(header(fleetFile)).toEqual([['kiosk', ...(header(own)[0] as unknown[])]]);
    }
  }
});

it('refuses a kiosk’s own credentials with a clear message, and writes no file', async () => {
  const [{ kioskId, password }] = kiosks as [(typeof kiosks)[number]];
  const file = `${out.path}/as-kiosk.csv`;
  // --data-dir as the installed app adds it to every command: accepted and ignored.
  const argv = ['--fleet', ...RANGE, '--time-zone', ZONE, '--out', file, '--data-dir', out.path];
  const result = await run([...argv, ...connection(kioskId)], {
    PGPASSWORD: password,
  });
  expect(result).toMatchObject({ code: 1, err: /may not read every kiosk's rows.*fleet export is refused/ });
  expect(existsSync(file)).toBe(false);
});

it('says what is wrong with bad usage, before connecting', async () => {
  expect(await run(['--fleet', ...RANGE, '--out', `${out.path}/x.csv`, '--time-zone', 'Mars/Olympus'])).toMatchObject({
    code: 2,
    err: /--time-zone must be an IANA time zone/,
  });
  expect(await run(['--fleet', '--from', '2026-04-02', '--to', '2026-04-01', '--out', 'x.csv'])).toMatchObject({
    code: 2,
    err: /is after/,
  });
  const file = `${out.path}/combinations.json`;
  const refused: [string[], RegExp][] = [
    [['--format', 'json', '--separator', ';'], /--separator is for CSV files only/],
    [['--room', '3'], /--room is not offered with --fleet: a room's id belongs to one kiosk/],
    [['--room=3', '--what', 'events'], /--room is not offered with --fleet/],
    [['--what', 'timers'], /--what/],
    [['--format', 'pdf'], /--format/],
  ];
  for (const [flags, message] of refused) {
    // No connection flags at all: each is refused before any connection is tried.
    expect(await run(['--fleet', ...RANGE, '--out', file, ...flags]), flags.join(' ')).toMatchObject({
      code: 2,
      err: message,
    });
  }
  expect(existsSync(file)).toBe(false);
});
