/**
 * Test support shared by the export tests: a small history whose room names exercise every quoting and escaping rule
 * (CSV and XLSX), and what the export must say about it, worked out from the database independently of the export.
 */
import { localRange } from '../reports/local-days';
import { addRoom, addStaffMember, sessionsStartedBy } from './report-fixture';
import { expect, type TestAPI } from 'vitest';
import { openDatabase, type KioskDatabase } from '../db/open-database';
import { exportToFile } from '../export/export-to-file';
import type { ExportOptions } from '../export/export-to-stream';
import { dbTest, type TempFolder } from './temp-database';

export const NY = 'America/New_York';

type ExportFixtures = { folder: TempFolder; db: KioskDatabase; reader: KioskDatabase };

/**
 * What any events export (CSV or XLSX, read back as text) must say about exportFixture's events: the room name with
 * every quoting rule, local times on both sides of the DST change, and detail kept as compact JSON.
 */
export function expectFixtureEventCells(rows: readonly (readonly string[])[]): void {
  expect(rows[0]!.slice(1)).toEqual([
    'Sala "Ñandú", ala B',
    '2026-11-01T01:51:00-04:00',
    'guide-viewed',
    '{"guide":"cradle"}',
  ]);
  expect(rows[5]!.slice(2)).toEqual(['2026-11-01T01:05:00-05:00', 'help-requested', '']);
  expect(JSON.parse(rows[6]![4]!)).toEqual({ guide: 'a,"b"\nc', n: -1, ok: true });
}

/** A migrated kiosk.db to write the history into, and a read-only connection to it for the export, as core has. */
export const exportTest: TestAPI<ExportFixtures> = dbTest.extend<{ reader: KioskDatabase }>({
  reader: async ({ folder, db }, use) => {
    void db; // opened first: the reader needs the migrated file.
    const reader = openDatabase(`${folder.path}/kiosk.db`, { readonly: true });
    await use(reader);
    reader.close();
  },
});

/** Rooms whose names test every quoting rule; staff numbers only, never names, reach the export. */
export function exportFixture(db: KioskDatabase) {
  const session = sessionsStartedBy(db, addStaffMember(db, '4821'));
  const rooms = [
    addRoom(db, 'Sala "Ñandú", ala B'),
    addRoom(db, '=HYPERLINK("http://evil")'),
    addRoom(db, 'Room\r\nTwo'),
    addRoom(db, 'Habitación de lactancia nº 2 – pequeña'),
  ];
  // Sessions across the autumn change and across midnight, and one still open.
  session(rooms[0]!, '2026-11-01T05:50:00Z', '2026-11-01T06:10:00Z', {
    kind: 'breastfeeding',
    language: 'es',
    events: [
      { at: '2026-11-01T05:51:00Z', type: 'guide-viewed', detail: { guide: 'cradle' } },
      { at: '2026-11-01T05:52:00Z', type: 'slide-viewed', detail: { slide: 'letdown-signs' } },
      { at: '2026-11-01T05:53:00Z', type: 'slide-viewed', detail: { slide: 'closing' } },
      { at: '2026-11-01T05:54:00Z', type: 'timer-started', detail: { preset: 'warm-compress-5' } },
      { at: '2026-11-01T05:59:00Z', type: 'timer-finished', detail: { preset: 'warm-compress-5' } },
      { at: '2026-11-01T06:05:00Z', type: 'help-requested' },
      { at: '2026-11-01T06:06:00Z', type: 'guide-viewed', detail: { guide: 'a,"b"\nc', n: -1, ok: true } },
    ],
  });
  session(rooms[1]!, '2026-11-02T04:30:00Z', '2026-11-02T05:20:00Z', {
    reason: 'staff-ended',
  });
  session(rooms[2]!, '2026-11-02T12:00:00Z', '2026-11-02T12:20:00Z');
  session(rooms[3]!, '2026-11-02T13:00:00Z', undefined, { language: 'es' });
  // Outside the range.
  session(rooms[0]!, '2026-10-31T03:00:00Z', '2026-10-31T03:30:00Z');
  return rooms;
}

export function exportOptions(overrides: Partial<ExportOptions> = {}): ExportOptions {
  const range = localRange(NY, '2026-11-01', '2026-11-02');
  return {
    what: 'sessions',
    format: 'csv',
    timeZone: NY,
    start: range.start,
    end: range.end,
    roomId: null,
    ...overrides,
  };
}

/**
 * What the export must say about each session, as text, worked out from the database independently of the export
 * code. `csv`: text that starts with "=" carries CSV's apostrophe (XLSX keeps text exactly as it is).
 */
export function expectedSessionRows(db: KioskDatabase, opts: ExportOptions, csv = true): string[][] {
  const rows = db
    .prepare(
      `SELECT s.id, s.uuid, r.name, s.kind, s.language, s.started_at, s.ended_at, s.end_reason, st.staff_number
       FROM sessions s JOIN rooms r ON r.id = s.room_id JOIN staff st ON st.id = s.started_by
       WHERE s.started_at >= ? AND s.started_at < ? ORDER BY s.started_at`,
    )
    .all(opts.start, opts.end) as {
    id: number;
    uuid: string;
    name: string;
    kind: string;
    language: string;
    started_at: number;
    ended_at: number | null;
    end_reason: string | null;
    staff_number: string;
  }[];
  const count = (id: number, type: string) =>
    String(db.prepare('SELECT count(*) FROM session_events WHERE session_id = ? AND type = ?').pluck().get(id, type));
  const iso = (instant: number | null) => {
    if (instant === null) return '';
    const local = new Intl.DateTimeFormat('sv-SE', {
      timeZone: NY,
      dateStyle: 'short',
      timeStyle: 'medium',
    }).format(instant);
    const offset = new Intl.DateTimeFormat('en-US', { timeZone: NY, timeZoneName: 'longOffset' })
      .format(instant)
      .split('GMT')[1]!;
    return `${local.replace(' ', 'T')}${offset}`;
  };
  return rows.map((row) => [
    row.uuid,
    csv && row.name.startsWith('=') ? `'${row.name}` : row.name,
    row.kind,
    row.language,
    iso(row.started_at),
    iso(row.ended_at),
    row.ended_at === null ? '' : String(Math.round((row.ended_at - row.started_at) / 1000)),
    row.end_reason ?? '',
    row.staff_number,
    count(row.id, 'guide-viewed'),
    count(row.id, 'slide-viewed'),
    count(row.id, 'timer-started'),
    count(row.id, 'help-requested'),
  ]);
}

/** `count` sessions in one room, 30 s apart from 2026-11-01 05:00 UTC, each `lengthMs` long. */
export function addManySessions(db: KioskDatabase, count: number, lengthMs = 30_000): void {
  const session = sessionsStartedBy(db, addStaffMember(db, '7'));
  const room = addRoom(db, 'Room 1');
  db.transaction(() => {
    for (let index = 0; index < count; index++) {
      const start = Date.parse('2026-11-01T05:00:00Z') + index * 30_000;
      session(room, new Date(start).toISOString(), new Date(start + lengthMs).toISOString());
    }
  })();
}

/** An export to `path` cancelled as soon as its first rows are written: resolves with what it rejected with. */
export async function exportCancelledMidway(reader: KioskDatabase, options: ExportOptions, path: string) {
  const controller = new AbortController();
  try {
    await exportToFile(reader, options, path, {
      signal: controller.signal,
      onProgress: (done) => {
        if (done > 0) controller.abort();
      },
    });
  } catch (error) {
    return error;
  }
  throw new Error('the export was not cancelled');
}
