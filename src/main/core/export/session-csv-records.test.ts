import { Writable } from 'node:stream';
import { expect } from 'vitest';
import type { KioskDatabase } from '../db/open-database';
import { localRange } from '../reports/local-days';
import { addRoom, addSession, addStaffMember } from '../testing/report-fixture';
import { iterateSessionRows } from '../repositories/export-queries';
import { ZoneTime } from '../reports/zone-offsets';
import { dbTest } from '../testing/temp-database';
import { createCsvFormatter } from './csv-writer';
import { SESSION_COLUMNS } from './export-columns';
import { exportToStream, type ExportOptions } from './export-to-stream';

const DAY = 86_400_000;

async function exported(db: KioskDatabase, options: ExportOptions): Promise<string> {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  await exportToStream(db, options, sink);
  return text;
}

/** The same export written cell by cell by the CSV writer, as every other format's rows are. */
function writtenByTheCsvWriter(db: KioskDatabase, options: ExportOptions): string {
  const zone = new ZoneTime(options.timeZone, options.start - DAY, options.end + 3 * DAY);
  const iso = (instant: number | null) => (instant === null ? null : zone.toIso(instant));
  const csv = createCsvFormatter(SESSION_COLUMNS, options.separator ?? ',');
  let text = csv.start();
  for (const row of iterateSessionRows(db, options)) {
    const [uuid, room, kind, language, started, ended, durationMs, ...rest] = row;
    const duration = durationMs === null ? null : Math.round(durationMs / 1000);
    text += csv.row([uuid, room, kind, language, iso(started), iso(ended), duration, ...rest]);
  }
  return text;
}

/** Sessions over two DST changes, at every second and half second, some open, in rooms plain and not. */
function history(db: KioskDatabase, zoneName: string): { rooms: number[]; options: ExportOptions } {
  const nurse = addStaffMember(db, '4821');
  const rooms = [
    'Room 1',
    'Sala de lactancia nº 2 – pequeña',
    'Sala "Ñandú", ala B',
    '=HYPERLINK("http://evil")',
    '-1+1',
    'Room; two',
    'Room\tthree',
    '@home',
    'ok-ish name-',
  ].map((name) => addRoom(db, name));
  let random = 7;
  const next = (below: number) => {
    random = (random * 1_103_515_245 + 12_345) % 2 ** 31;
    // The high bits: an LCG's low bits repeat with a short period.
    return Math.floor((random / 2 ** 31) * below);
  };
  // Around New York's changes to the millisecond: 2026-03-08 07:00 and 2026-11-01 06:00 UTC.
  for (const [index, change] of [Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6)].entries()) {
    for (const [offset, step] of [-1001, -1, 0, 1].entries()) {
      addSession(db, {
        uuid: `${String(index * 10 + offset).padStart(8, '0')}-0000-4000-8000-000000000001`,
        roomId: rooms[0]!,
        startedBy: nurse,
        start: new Date(change + step).toISOString(),
        end: new Date(change + step + 1).toISOString(),
      });
    }
  }
  const first = Date.UTC(2026, 2, 1);
  for (let index = 0; index < 600; index++) {
    const start = first + index * 9 * 3_600_000 + next(3600) * 1000 + (next(2) === 0 ? 500 : 0);
    // The last session of some rooms is still open (a room has at most one).
    const open = index >= 600 - rooms.length && index % 2 === 0;
    addSession(db, {
      uuid: `${String(index).padStart(8, '0')}-0000-4000-8000-000000000000`,
      roomId: rooms[index % rooms.length]!,
      startedBy: nurse,
      kind: (['breastfeeding', 'pumping', 'hand-expression'] as const)[index % 3],
      language: index % 5 === 0 ? 'es' : 'en',
      start: new Date(start).toISOString(),
      end: open ? undefined : new Date(start + next(7200) * 1000 + [0, 499, 500, 999][next(4)]!).toISOString(),
      reason: index % 4 === 0 ? 'staff-ended' : 'completed',
    });
  }
  const range = localRange(zoneName, '2026-03-01', '2026-11-30');
  return {
    rooms,
    options: { what: 'sessions', format: 'csv', timeZone: zoneName, start: range.start, end: range.end, roomId: null },
  };
}

dbTest('SQLite writes the same session CSV as the CSV writer, byte for byte', async ({ db }) => {
  const { rooms, options } = history(db, 'America/New_York');
  const cases: ExportOptions[] = [
    options,
    { ...options, separator: ';' },
    { ...options, roomId: rooms[0]! },
    { ...options, roomId: rooms[2]! },
    { ...options, timeZone: 'Asia/Kolkata' },
    { ...options, timeZone: 'Australia/Lord_Howe' },
    { ...options, start: options.start + 40 * DAY, end: options.start + 41 * DAY },
  ];
  for (const exportOptions of cases) {
    const text = await exported(db, exportOptions);
    expect(text).toBe(writtenByTheCsvWriter(db, exportOptions));
  }
  // Both paths were taken: plain rooms by SQLite, the others through the writer.
  const lines = (await exported(db, options)).split('\r\n');
  expect(lines.filter((line) => line.includes('"Room 1"')).length).toBeGreaterThan(50);
  expect(lines.filter((line) => line.includes(`"'=HYPERLINK`)).length).toBeGreaterThan(50);
});
