import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../main/core/testing/csv-parser';
import { SESSION_COLUMNS } from '../main/core/export/export-columns';
import { openDatabase } from '../main/core/db/open-database';
import { listAuditEntries } from '../main/core/repositories/audit-log-repository';
import { addRoom, addStaffMember, sessionsStartedBy } from '../main/core/testing/report-fixture';
import { saveSettings } from '../main/core/services/settings-service';
import { databaseFingerprint } from '../main/core/testing/database-fingerprint';
import { makeTempFolder } from '../main/core/testing/temp-folder';
import { commandStreams } from '../main/core/testing/command-streams';
import { runExportCommand } from './export-command';

let folder: ReturnType<typeof makeTempFolder>;

beforeEach(() => {
  folder = makeTempFolder();
  const db = openDatabase(`${folder.path}/kiosk.db`);
  saveSettings(db, { timeZone: 'America/New_York' });
  const session = sessionsStartedBy(db, addStaffMember(db, '104'));
  const room = addRoom(db, 'Sala 1, «lactancia»');
  // 2026-03-31 23:30 EDT (counted on the 31st) and 2026-04-01 00:30 EDT (the 1st).
  session(room, '2026-04-01T03:30:00Z', '2026-04-01T03:50:00Z', {
    events: [{ at: '2026-04-01T03:31:00Z', type: 'guide-viewed', detail: { guide: 'cradle' } }],
  });
  session(room, '2026-04-01T04:30:00Z', '2026-04-01T05:00:00Z');
  db.close();
});
afterEach(() => folder.cleanup());

async function run(argv: string[]) {
  const { stdout, stderr, output } = commandStreams();
  const code = await runExportCommand(argv, { stdout, stderr, env: {} });
  return { code, ...output };
}

/** The sessions of March, from the test's kiosk to `out`. */
const exportMarchTo = (out: string) =>
  run(['--data-dir', folder.path, '--from', '2026-03-01', '--to', '2026-03-31', '--out', out]);

function fingerprint(): string {
  const db = openDatabase(`${folder.path}/kiosk.db`);
  try {
    return databaseFingerprint(db);
  } finally {
    db.close();
  }
}

describe('export command', () => {
  it('writes the sessions of the local dates asked for, and audits the export without a staff id', async () => {
    const out = `${folder.path}/march.csv`;
    const result = await exportMarchTo(out);
    expect(result).toMatchObject({ code: 0, out: `Wrote 1 session to ${out}\n`, err: '' });
    const [header, row] = parseCsv(readFileSync(out, 'utf8').slice(1));
    expect(header).toEqual([...SESSION_COLUMNS]);
    expect(row!.slice(1, 7)).toEqual([
      'Sala 1, «lactancia»',
      'pumping',
      'en',
      '2026-03-31T23:30:00-04:00',
      '2026-03-31T23:50:00-04:00',
      '1200',
    ]);
    const db = openDatabase(`${folder.path}/kiosk.db`);
    try {
      expect(listAuditEntries(db)[0]).toMatchObject({
        action: 'export',
        staffId: null,
        detail: { what: 'sessions', rows: 1, outcome: 'completed', via: 'command-line', timeZone: 'America/New_York' },
      });
    } finally {
      db.close();
    }
  });

  it('writes events as JSON for one room', async () => {
    const out = `${folder.path}/events.json`;
    const result = await run([
      `--data-dir=${folder.path}`,
      '--from=2026-03-31',
      '--to=2026-04-01',
      `--out=${out}`,
      '--what=events',
      '--format=json',
      '--room=1',
    ]);
    expect(result).toMatchObject({ code: 0, out: `Wrote 1 event to ${out}\n` });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual([
      {
        session_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        room: 'Sala 1, «lactancia»',
        at: '2026-03-31T23:31:00-04:00',
        type: 'guide-viewed',
        detail: { guide: 'cradle' },
      },
    ]);
  });

  it("writes a CSV with ';' for spreadsheets whose list separator is a semicolon", async () => {
    const out = `${folder.path}/semicolons.csv`;
    const argv = ['--data-dir', folder.path, '--from', '2026-03-31', '--to', '2026-04-01', '--out', out];
    expect(await run([...argv, '--separator', ';'])).toMatchObject({ code: 0 });
    const [header, row] = parseCsv(readFileSync(out, 'utf8').slice(1), ';');
    expect(header).toEqual([...SESSION_COLUMNS]);
    expect(row![1]).toBe('Sala 1, «lactancia»');
  });

  it('writes an Excel workbook', async () => {
    const out = `${folder.path}/april.xlsx`;
    const argv = ['--data-dir', folder.path, '--from', '2026-03-31', '--to', '2026-04-01', '--out', out];
    const result = await run([...argv, '--format', 'xlsx']);
    expect(result).toMatchObject({ code: 0, out: `Wrote 2 sessions to ${out}\n`, err: '' });
    const book = XLSX.read(readFileSync(out), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.sessions!);
    expect(rows.map((row) => [row.room, row.started_at, row.duration_seconds])).toEqual([
      ['Sala 1, «lactancia»', '2026-03-31T23:30:00-04:00', 1200],
      ['Sala 1, «lactancia»', '2026-04-01T00:30:00-04:00', 1800],
    ]);
  });

  it.each([
    [['--from', '2026-02-30', '--to', '2026-03-01'], /--from must be a real date/],
    [['--from', '2026-03-02', '--to', '2026-03-01'], /--from 2026-03-02 is after --to 2026-03-01/],
    [['--from', '2026-03-01'], /--to is required/],
    [['--from', '2026-03-01', '--to', '2026-03-02', '--what', 'patients'], /--what must be sessions or events/],
    [['--from', '2026-03-01', '--to', '2026-03-02', '--format', 'xls'], /--format must be csv, xlsx, or json\./],
    [['--from', '2026-03-01', '--to', '2026-03-02', '--room', 'one'], /--room must be a whole number/],
    [['--from', '2026-03-01', '--to', '2026-03-02', '--separator', '|'], /--separator must be , or ;/],
    [['--from', '2026-03-01', '--to', '2026-03-02', '--format', 'json', '--separator', ';'], /for CSV files only/],
    [['--from', '2026-03-01', '--to', '2026-03-02', '--room', '7'], /There is no room 7/],
    [['--from', '2026-03-01', '--to', '2026-03-02', '--pin', '1234'], /Unknown option --pin/],
    [
      ['--from', '2026-03-01', '--to', '2026-03-02', '--out', '/nonexistent-folder/x.csv'],
      /folder \/nonexistent-folder does not exist/,
    ],
  ])('refuses %j with exit code 2, writing nothing and changing nothing', async (argv, message) => {
    const before = fingerprint();
    const withOut = argv.includes('--out') ? argv : [...argv, '--out', `${folder.path}/x.csv`];
    const result = await run(['--data-dir', folder.path, ...withOut]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(existsSync(`${folder.path}/x.csv`)).toBe(false);
    expect(fingerprint()).toBe(before);
  });

  it('never creates a database', async () => {
    const missing = `${folder.path}/nowhere`;
    const result = await run([
      '--data-dir',
      missing,
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-02',
      '--out',
      `${folder.path}/x.csv`,
    ]);
    expect(result).toMatchObject({ code: 2, err: expect.stringMatching(/No kiosk database at .*nowhere/) });
    expect(existsSync(missing)).toBe(false);
  });

  it('fails with a clear message, leaving no file, when the file cannot be written', async () => {
    // A read-only folder refuses even root here when it is /sys; elsewhere a chmod-ed folder does it.
    const asRoot = process.getuid?.() === 0;
    const locked = asRoot ? '/sys' : `${folder.path}/locked`;
    if (!asRoot) {
      mkdirSync(locked);
      chmodSync(locked, 0o500);
    }
    const result = await exportMarchTo(`${locked}/kiosk-export.csv`);
    if (!asRoot) chmodSync(locked, 0o700);
    expect(result).toMatchObject({
      code: 1,
      err: 'Cannot write the export: permission denied. No file was written.\n',
    });
    expect(readdirSync(locked).filter((name) => name.includes('kiosk-export'))).toEqual([]);
  });

  it('fails with a clear message when the file is a folder', async () => {
    mkdirSync(`${folder.path}/a-folder`);
    const result = await exportMarchTo(`${folder.path}/a-folder`);
    expect(result).toMatchObject({ code: 2, err: expect.stringMatching(/it is a folder/) });
  });

  it('works as `npm run export`', () => {
    const out = `${folder.path}/via-npm.csv`;
    const result = spawnSync(
      'npx',
      [
        'tsx',
        'src/cli/export.ts',
        '--data-dir',
        folder.path,
        '--from',
        '2026-03-31',
        '--to',
        '2026-04-01',
        '--out',
        out,
      ],
      { encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`Wrote 2 sessions to ${out}\n`);
    expect(result.status).toBe(0);
  });
});
