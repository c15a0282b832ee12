/**
 * The fleet export against the kiosk's own export, byte for byte (CSV, JSON) or cell for cell (XLSX), sessions and
 * events, on values chosen to break a file: quotes, both separators, line breaks, every formula start, non-ASCII and
 * emoji, empty cells, event details whose keys jsonb would reorder, and times on both sides of DST changes in New
 * York and in St John's (a half-hour zone), written by real kiosks and delivered through the fleet.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { CsvSeparator, ExportFormat, ExportSubject } from '../shared/domain';
import { csvField, csvRecord, UTF8_BOM } from '../main/core/export/csv-writer';
import { insertRoom } from '../main/core/repositories/rooms-repository';
import { insertSessionEvent } from '../main/core/repositories/session-events-repository';
import { insertSession, markSessionEnded } from '../main/core/repositories/sessions-repository';
import { insertStaff } from '../main/core/repositories/staff-repository';
import { saveSettings } from '../main/core/services/settings-service';
import { commandStreams } from '../main/core/testing/command-streams';
import { makeTempFolder } from '../main/core/testing/temp-folder';
import { openCentral } from '../main/fleet/central/connection-settings';
import { exportFleetSessionsCsv } from '../main/fleet/fleet-session-export';
import { FLEET_EVENT_COLUMNS, FLEET_SESSION_COLUMNS } from '../main/fleet/fleet-usage-export';
import { connectionFlags } from '../main/fleet/testing/connection-flags';
import { fleetDatabaseForFile } from '../main/fleet/testing/fleet-database-for-file';
import { deliverEverything, joinTestKiosk } from '../main/fleet/testing/joined-kiosk';
import { createTestKiosk, type TestKiosk } from '../main/fleet/testing/test-kiosk';
import { runExportCommand } from './export-command';
import { runFleetCommand } from './fleet-command';

const fleet = fleetDatabaseForFile();
let out: ReturnType<typeof makeTempFolder>;
const REPORTER = { user: '', password: '' };

/** Rooms named to break a CSV or start a formula, each a kiosk's room name (1 to 60 characters). */
const HOSTILE_ROOMS = [
  'Sala "Norte", 2º',
  '=HYPERLINK("http://x","y")',
  '+1 Room',
  '-2 Room',
  '@SUM(A1)',
  '\tTab first',
  '\rCR first',
  'Line one\nline two',
  'Two\r\nlines',
  'a;=1+2',
  'a,+1',
  'a\t-1',
  'a\n@x',
  'say "=1"',
  'Lactancia 🍼👶🏽 – ñ',
  'back\\slash',
];
/**
 * Event details as the kiosk writes them (JSON.stringify of an object): keys in an order jsonb changes (it sorts them
 * by length), and strings with quotes, separators, formula starts, line breaks, backslashes and control characters.
 */
const HOSTILE_DETAILS: (Record<string, unknown> | null)[] = [
  { preset: 'warm-compress', side: 'left' },
  { text: '=1+2', note: 'a;=b', q: 'say "hi", @x' },
  null,
  { multi: 'line\r\nbreak\t-tab', emoji: 'ñ 🍼👶🏽', back: 'c:\\path\\"x"' },
  { '-key': ['=a', 1, null, { z: '+1', a: -2.5 }], b: true },
  { bell: '\u0007 and \u2028', 'a: b, c': 'd: e, f' },
];
/** An event type of no counted kind, to break a CSV too (the kiosk's schema takes any text). */
const HOSTILE_EVENT_TYPE = '-x,"=y"';

/** Languages are any 2 to 8 characters to the kiosk's schema. */
const HOSTILE_LANGUAGES = ['es', '=1', '-e', '@x', 'a,b', '"q"', 'x\r\n+y', '日本'];

const MINUTE = 60_000;

interface Written {
  uuid: string;
  startedAt: number;
  events: number;
}

/** Writes a session as the kiosk does, with events of each counted type, ended or left open. */
function writeSession(
  kiosk: TestKiosk,
  staffId: number,
  session: { roomId: number; language: string; startedAt: number; endedAt: number | null; events: string[] },
): Written {
  const uuid = randomUUID();
  const id = insertSession(kiosk.db, {
    uuid,
    roomId: session.roomId,
    kind: 'hand-expression',
    // The kiosk's schema takes any 2 to 8 characters; the app's type names only the languages it offers.
    language: session.language as 'en',
    startedAt: session.startedAt,
    startedBy: staffId,
  });
  // Events 13 minutes apart: a session that starts just before a DST change has events on both sides of it.
  [...session.events, HOSTILE_EVENT_TYPE].forEach((type, index) =>
    insertSessionEvent(kiosk.db, {
      sessionId: id,
      at: session.startedAt + 13 * MINUTE * (index + 1),
      type,
      detail: HOSTILE_DETAILS[(session.roomId + index) % HOSTILE_DETAILS.length] ?? null,
    }),
  );
  if (session.endedAt !== null) {
    markSessionEnded(kiosk.db, id, { endedAt: session.endedAt, endedBy: staffId, endReason: 'staff-ended' });
  }
  return { uuid, startedAt: session.startedAt, events: session.events.length + 1 };
}

const at = (iso: string) => Date.parse(iso);

/** Start instants around the DST changes of New York and St John's in 2026, and a few ordinary ones. */
const STARTS = [
  at('2026-03-08T06:50:00.999Z'), // 01:50 EST, ends after New York springs forward at 07:00Z
  at('2026-03-08T05:20:00.000Z'), // 01:50 NST, ends after St John's springs forward at 05:30Z
  at('2026-11-01T05:30:00.500Z'), // 01:30 EDT, the first of New York's two 01:30s
  at('2026-11-01T06:30:00.250Z'), // 01:30 EST, the second
  at('2026-11-01T04:00:00.000Z'), // 01:30 NDT in St John's, which falls back at 04:30Z
  at('2026-06-21T12:00:00.000Z'),
  at('2026-04-02T23:59:59.999Z'),
];

const kiosks: { name: string; kiosk: TestKiosk; written: Written[] }[] = [];

beforeAll(async () => {
  out = makeTempFolder('fleet-export-hostile-');
  const { stdin, stdout, stderr, output } = commandStreams();
  const code = await runFleetCommand(['add-reporter', ...connectionFlags(fleet.owner), '--name', 'hostile'], {
    stdin,
    stdout,
    stderr,
    env: { PGPASSWORD: fleet.owner.password },
  });
  expect(code).toBe(0);
  REPORTER.user = /role (\S+):/.exec(output.out)![1]!;
  REPORTER.password = output.out.trim().split('\n').at(-1)!;
  const names = ['=cmd|"/C calc"!A0', 'Sala "Sur", 3º 🍼', '-West\n@annex;+1', '4 West'];
  let sequence = 0;
  for (const [index, name] of names.entries()) {
    const kiosk = createTestKiosk();
    const staffId = insertStaff(kiosk.db, {
      staffNumber: `00${index}7`,
      displayName: 'Nurse',
      role: 'nurse',
      pinHash: Buffer.alloc(32),
      pinSalt: Buffer.alloc(16),
      createdAt: 0,
    });
    const rooms = HOSTILE_ROOMS.map((room) => insertRoom(kiosk.db, { name: room }));
    const written: Written[] = [];
    kiosk.db.transaction(() => {
      rooms.forEach((roomId, roomIndex) => {
        // Each kiosk starts its sessions a few minutes apart from the others', so every start is distinct.
        const startedAt = STARTS[(roomIndex + index) % STARTS.length]! + (sequence++ % 97) * 7 * MINUTE;
        const open = roomIndex === index; // one open session (empty end, duration and reason) per kiosk
        const lengths = [1_500, 2_499, 40 * MINUTE + 500, 90 * MINUTE];
        written.push(
          writeSession(kiosk, staffId, {
            roomId,
            language: HOSTILE_LANGUAGES[(roomIndex + index) % HOSTILE_LANGUAGES.length]!,
            startedAt,
            endedAt: open ? null : startedAt + lengths[roomIndex % lengths.length]!,
            events: ['guide-viewed', 'slide-viewed', 'timer-started', 'help-requested', 'guide-viewed'].slice(
              0,
              roomIndex % 6,
            ),
          }),
        );
      });
    })();
    const { kioskId } = await joinTestKiosk(fleet.owner, kiosk, name);
    await deliverEverything(kiosk, kioskId);
    kiosks.push({ name, kiosk, written });
  }
}, 120_000);
afterAll(() => {
  for (const { kiosk } of kiosks) kiosk.close();
  out?.cleanup();
});

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const { stdin, stdout, stderr, output } = commandStreams();
  const code = await runExportCommand(argv, { stdin, stdout, stderr, env });
  return { code, ...output };
}

/** A CSV text's records, split at line ends outside quotes (a quoted field may hold line breaks). */
function records(text: string): string[] {
  const found: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '"') inQuotes = !inQuotes;
    else if (!inQuotes && text.startsWith('\r\n', index)) {
      found.push(text.slice(start, index + 2));
      start = index + 2;
      index++;
    }
  }
  expect(start).toBe(text.length);
  return found;
}

const RANGE = ['--from', '2026-03-01', '--to', '2026-11-30'];

/** Each kiosk's own export file of `what` in `format`, written by its own command in `timeZone`. */
async function ownFiles(what: ExportSubject, format: ExportFormat, timeZone: string, separator?: CsvSeparator) {
  const files: { name: string; written: Written[]; bytes: Buffer }[] = [];
  for (const [index, { name, kiosk, written }] of kiosks.entries()) {
    saveSettings(kiosk.db, { timeZone });
    const file = `${out.path}/kiosk-${index}-${what}-${timeZone.replace('/', '-')}.${format}`;
    const flags = separator === undefined ? [] : ['--separator', separator];
    const result = await run([
      '--data-dir',
      kiosk.folder,
      ...RANGE,
      '--what',
      what,
      '--format',
      format,
      '--out',
      file,
      ...flags,
    ]);
    expect(result).toMatchObject({ code: 0 });
    files.push({ name, written, bytes: readFileSync(file) });
  }
  return files;
}

/** The rows of every kiosk in the fleet's order: by session start across kiosks, each kiosk's own order kept. */
function inFleetOrder<Row>(rows: { startedAt: number; row: Row }[]): Row[] {
  // Array.prototype.sort is stable: the events of one session stay in the kiosk's order.
  return rows.sort((a, b) => a.startedAt - b.startedAt).map(({ row }) => row);
}

/** The start of the session a row belongs to, by its session's uuid. */
function startOf(written: Written[], uuid: string): number {
  const found = written.find((session) => session.uuid === uuid);
  expect(found, uuid).toBeDefined();
  return found!.startedAt;
}

/**
 * What the fleet file must be: the BOM and header, then every kiosk's own records (from its own export, in its CSV
 * writer's bytes) with the kiosk's name in front as that writer writes a field, in start order across kiosks.
 */
async function expectedFleetFile(
  timeZone: string,
  separator: CsvSeparator,
  only: (name: string) => boolean = () => true,
  what: ExportSubject = 'sessions',
): Promise<string> {
  const columns = what === 'sessions' ? FLEET_SESSION_COLUMNS : FLEET_EVENT_COLUMNS;
  const rows: { startedAt: number; row: string }[] = [];
  for (const { name, written, bytes } of await ownFiles(what, 'csv', timeZone, separator)) {
    if (!only(name)) continue;
    const [header, ...own] = records(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    expect(`"kiosk"${separator}${header}`).toBe(csvRecord(columns, separator));
    expect(own).toHaveLength(written.reduce((sum, session) => sum + (what === 'sessions' ? 1 : session.events), 0));
    // A session's record starts with its id, an event's with its session's id: "uuid",…
    for (const record of own) {
      rows.push({ startedAt: startOf(written, record.slice(1, 37)), row: `${csvField(name)}${separator}${record}` });
    }
  }
  if (what === 'sessions') expect(new Set(rows.map((row) => row.startedAt)).size).toBe(rows.length);
  return UTF8_BOM + csvRecord(columns, separator) + inFleetOrder(rows).join('');
}

/** The fleet's own file of `what` in `format`, written by `export --fleet` as the reporter. */
async function fleetFile(what: ExportSubject, format: ExportFormat, timeZone: string, separator?: CsvSeparator) {
  const file = `${out.path}/fleet-${what}-${timeZone.replace('/', '-')}.${format}`;
  const result = await run(
    [
      '--fleet',
      ...RANGE,
      '--what',
      what,
      '--format',
      format,
      '--time-zone',
      timeZone,
      ...(separator === undefined ? [] : ['--separator', separator]),
      '--out',
      file,
      ...connectionFlags(fleet.owner, REPORTER.user),
    ],
    { PGPASSWORD: REPORTER.password },
  );
  const rows = kiosks.reduce(
    (sum, { written }) => sum + written.reduce((n, session) => n + (what === 'sessions' ? 1 : session.events), 0),
    0,
  );
  expect(result).toMatchObject({ code: 0, out: new RegExp(`Wrote ${rows} ${what} of every kiosk`) });
  return readFileSync(file);
}

for (const what of ['sessions', 'events'] as const) {
  for (const [timeZone, separator] of [
    ['America/New_York', ','],
    ['America/St_Johns', ';'],
    ['Asia/Kolkata', ','],
  ] as const) {
    it(`writes ${what} equal to the kiosks’ own files byte for byte, in ${timeZone} with "${separator}"`, async () => {
      const expected = await expectedFleetFile(timeZone, separator, () => true, what);
      const bytes = await fleetFile(what, 'csv', timeZone, separator);
      expect(bytes.toString('utf8')).toBe(expected);
      expect(bytes.equals(Buffer.from(expected, 'utf8'))).toBe(true);
    });
  }

  it(`writes ${what} as JSON equal to the kiosks’ own JSON byte for byte, the kiosk’s name first`, async () => {
    const timeZone = 'America/St_Johns';
    const lines: { startedAt: number; row: string }[] = [];
    for (const { name, written, bytes } of await ownFiles(what, 'json', timeZone)) {
      const own = bytes.toString('utf8').split('\n').slice(1, -2);
      for (const line of own) {
        const object = JSON.parse(line.replace(/,$/, '')) as { id?: string; session_id?: string };
        // The kiosk's line with "kiosk" first, as its JSON writer writes an object whose first key is the kiosk.
        lines.push({
          startedAt: startOf(written, (object.id ?? object.session_id)!),
          row: `{"kiosk":${JSON.stringify(name)},${line.replace(/,$/, '').slice(1)}`,
        });
      }
    }
    const expected = `[\n${inFleetOrder(lines).join(',\n')}\n]\n`;
    const bytes = await fleetFile(what, 'json', timeZone);
    expect(bytes.toString('utf8')).toBe(expected);
    if (what === 'events') expect(expected).toContain('{"preset":"warm-compress","side":"left"}');
  });

  it(`writes ${what} as XLSX with the kiosks’ own cells and types, the kiosk’s name first`, async () => {
    const timeZone = 'America/New_York';
    const sheetOf = (bytes: Buffer) => {
      const book = XLSX.read(bytes, { type: 'buffer' });
      expect(book.SheetNames).toEqual([what]);
      return XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[what]!, { header: 1, raw: true, defval: null });
    };
    const rows: { startedAt: number; row: unknown[] }[] = [];
    let header: unknown[] = [];
    for (const { name, written, bytes } of await ownFiles(what, 'xlsx', timeZone)) {
      const [head, ...own] = sheetOf(bytes);
      header = ['kiosk', ...head!];
      for (const row of own) rows.push({ startedAt: startOf(written, row[0] as string), row: [name, ...row] });
    }
    const [fleetHeader, ...fleetRows] = sheetOf(await fleetFile(what, 'xlsx', timeZone));
    expect(fleetHeader).toEqual(header);
    expect(fleetRows).toEqual(inFleetOrder(rows));
    // Counts and durations are numbers; a detail is the kiosk's text, keys in its order.
    if (what === 'sessions') expect(fleetRows.flat().some((cell) => typeof cell === 'number')).toBe(true);
    else expect(fleetRows.map((row) => row[5])).toContain('{"preset":"warm-compress","side":"left"}');
  });
}

it('with a unit, writes only the sessions of that unit’s kiosks, byte for byte as theirs', async () => {
  const owner = openCentral(fleet.owner);
  const reporter = openCentral({ ...fleet.owner, user: REPORTER.user, password: REPORTER.password });
  try {
    await owner.execute(`UPDATE fleet.kiosks SET unit = 'NICU' WHERE name = '4 West'`);
    const file = `${out.path}/fleet-nicu.csv`;
    const { rows } = await exportFleetSessionsCsv(
      reporter,
      { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 11, 31), timeZone: 'America/New_York', unit: 'NICU' },
      file,
    );
    expect(rows).toBe(kiosks.find(({ name }) => name === '4 West')!.written.length);
    const expected = await expectedFleetFile('America/New_York', ',', (name) => name === '4 West');
    expect(readFileSync(file, 'utf8')).toBe(expected);
  } finally {
    await owner.execute(`UPDATE fleet.kiosks SET unit = 'Maternity' WHERE name = '4 West'`);
    await owner.end();
    await reporter.end();
  }
});
