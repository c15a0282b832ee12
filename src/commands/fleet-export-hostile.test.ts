/**
 * The fleet export against the kiosk's own CSV writer, byte for byte, on values chosen to break a CSV: quotes, both
 * separators, line breaks, every formula start, non-ASCII and emoji, empty cells, and times on both sides of DST
 * changes in New York and in St John's (a half-hour zone), written by real kiosks and delivered through the fleet.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CsvSeparator } from '../shared/domain';
import { csvField, csvRecord, UTF8_BOM } from '../main/core/export/csv-writer';
import { insertRoom } from '../main/core/repositories/rooms-repository';
import { insertSessionEvent } from '../main/core/repositories/session-events-repository';
import { insertSession, markSessionEnded } from '../main/core/repositories/sessions-repository';
import { insertStaff } from '../main/core/repositories/staff-repository';
import { saveSettings } from '../main/core/services/settings-service';
import { commandStreams } from '../main/core/testing/command-streams';
import { makeTempFolder } from '../main/core/testing/temp-folder';
import { openCentral } from '../main/fleet/central/connection-settings';
import { exportFleetSessionsCsv, FLEET_SESSION_COLUMNS } from '../main/fleet/fleet-session-export';
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
/** Languages are any 2 to 8 characters to the kiosk's schema. */
const HOSTILE_LANGUAGES = ['es', '=1', '-e', '@x', 'a,b', '"q"', 'x\r\n+y', '日本'];

interface Written {
  uuid: string;
  startedAt: number;
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
  session.events.forEach((type, index) =>
    insertSessionEvent(kiosk.db, { sessionId: id, at: session.startedAt + 1000 * (index + 1), type, detail: null }),
  );
  if (session.endedAt !== null) {
    markSessionEnded(kiosk.db, id, { endedAt: session.endedAt, endedBy: staffId, endReason: 'staff-ended' });
  }
  return { uuid, startedAt: session.startedAt };
}

const at = (iso: string) => Date.parse(iso);
const MINUTE = 60_000;

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

/**
 * What the fleet file must be: the BOM and header, then every kiosk's own records (from its own export, in its CSV
 * writer's bytes) with the kiosk's name in front as that writer writes a field, in start order across kiosks.
 */
async function expectedFleetFile(
  timeZone: string,
  separator: CsvSeparator,
  only: (name: string) => boolean = () => true,
): Promise<string> {
  const rows: { startedAt: number; record: string }[] = [];
  for (const [index, { name, kiosk, written }] of kiosks.entries()) {
    if (!only(name)) continue;
    saveSettings(kiosk.db, { timeZone });
    const file = `${out.path}/kiosk-${index}-${timeZone.replace('/', '-')}.csv`;
    const result = await run(['--data-dir', kiosk.folder, ...RANGE, '--out', file, '--separator', separator]);
    expect(result).toMatchObject({ code: 0 });
    const [header, ...own] = records(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    expect(`"kiosk"${separator}${header}`).toBe(csvRecord(FLEET_SESSION_COLUMNS, separator));
    expect(own).toHaveLength(written.length);
    const startOf = new Map(written.map((session) => [session.uuid, session.startedAt]));
    for (const record of own) {
      const startedAt = startOf.get(record.slice(1, 37));
      expect(startedAt).toBeTypeOf('number');
      rows.push({ startedAt: startedAt!, record: `${csvField(name)}${separator}${record}` });
    }
  }
  rows.sort((a, b) => a.startedAt - b.startedAt);
  expect(new Set(rows.map((row) => row.startedAt)).size).toBe(rows.length);
  return UTF8_BOM + csvRecord(FLEET_SESSION_COLUMNS, separator) + rows.map((row) => row.record).join('');
}

for (const [timeZone, separator] of [
  ['America/New_York', ','],
  ['America/St_Johns', ';'],
  ['Asia/Kolkata', ','],
] as const) {
  it(`equals the kiosks’ own files byte for byte, in ${timeZone} with "${separator}"`, async () => {
    const expected = await expectedFleetFile(timeZone, separator);
    const fleetFile = `${out.path}/fleet-${timeZone.replace('/', '-')}.csv`;
    const result = await run(
      [
        '--fleet',
        ...RANGE,
        '--time-zone',
        timeZone,
        '--separator',
        separator,
        '--out',
        fleetFile,
        ...connectionFlags(fleet.owner, REPORTER.user),
      ],
      { PGPASSWORD: REPORTER.password },
    );
    const sessions = kiosks.reduce((sum, { written }) => sum + written.length, 0);
    expect(result).toMatchObject({ code: 0, out: new RegExp(`Wrote ${sessions} sessions of every kiosk`) });
    const bytes = readFileSync(fleetFile);
    expect(bytes.toString('utf8')).toBe(expected);
    expect(bytes.equals(Buffer.from(expected, 'utf8'))).toBe(true);
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
