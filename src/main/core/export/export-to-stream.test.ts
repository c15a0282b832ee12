import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { describe, expect } from 'vitest';
import { localRange } from '../reports/local-days';
import {
  addManySessions,
  expectedSessionRows as expectedRows,
  exportCancelledMidway,
  exportFixture,
  exportOptions,
  exportTest,
  NY,
  expectFixtureEventCells,
} from '../testing/export-fixture';
import { parseCsv } from '../testing/csv-parser';
import { EVENT_COLUMNS, SESSION_COLUMNS } from './export-columns';
import { exportToFile } from './export-to-file';
import { exportToStream } from './export-to-stream';

function readCsv(path: string): string[][] {
  const text = readFileSync(path, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return parseCsv(text.slice(1));
}

const options = exportOptions;

describe('export to a stream', () => {
  exportTest('writes sessions as RFC 4180 CSV that reads back field for field', async ({ db, reader, folder }) => {
    exportFixture(db);
    const path = `${folder.path}/sessions.csv`;
    const result = await exportToFile(reader, options(), path);
    const [header, ...rows] = readCsv(path);
    expect(header).toEqual([...SESSION_COLUMNS]);
    const expected = expectedRows(db, options());
    expect(result.rows).toBe(4);
    expect(rows).toHaveLength(expected.length);
    expect(rows).toEqual(expected);
    // Spot checks of the things that matter most, in plain words.
    expect(rows[0]!.slice(1, 8)).toEqual([
      'Sala "Ñandú", ala B',
      'breastfeeding',
      'es',
      '2026-11-01T01:50:00-04:00',
      '2026-11-01T01:10:00-05:00',
      '1200',
      'completed',
    ]);
    expect(rows[0]!.slice(8)).toEqual(['4821', '2', '2', '1', '1']);
    expect(rows[1]![1]).toBe(`'=HYPERLINK("http://evil")`);
    expect(rows[2]![1]).toBe('Room\r\nTwo');
    expect(rows[3]!.slice(5, 8)).toEqual(['', '', '']);
  });

  exportTest('writes events, one per row, with their detail as compact JSON', async ({ db, reader, folder }) => {
    exportFixture(db);
    const path = `${folder.path}/events.csv`;
    const result = await exportToFile(reader, options({ what: 'events' }), path);
    const [header, ...rows] = readCsv(path);
    expect(header).toEqual([...EVENT_COLUMNS]);
    const inDatabase = db
      .prepare(
        `SELECT count(*) FROM session_events e JOIN sessions s ON s.id = e.session_id
         WHERE s.started_at >= ? AND s.started_at < ?`,
      )
      .pluck()
      .get(options().start, options().end);
    expect(rows).toHaveLength(inDatabase as number);
    expect(result.rows).toBe(7);
    expectFixtureEventCells(rows);
  });

  exportTest('writes JSON with typed values', async ({ db, reader, folder }) => {
    exportFixture(db);
    const sessions = `${folder.path}/sessions.json`;
    const events = `${folder.path}/events.json`;
    await exportToFile(reader, options({ format: 'json' }), sessions);
    await exportToFile(reader, options({ what: 'events', format: 'json', roomId: 1 }), events);
    const rows = JSON.parse(readFileSync(sessions, 'utf8')) as Record<string, unknown>[];
    expect(rows).toHaveLength(4);
    expect(rows[1]).toMatchObject({
      room: '=HYPERLINK("http://evil")',
      duration_seconds: 3000,
      end_reason: 'staff-ended',
    });
    expect(rows[3]).toMatchObject({ ended_at: null, duration_seconds: null, end_reason: null });
    const eventRows = JSON.parse(readFileSync(events, 'utf8')) as Record<string, unknown>[];
    expect(eventRows).toHaveLength(7);
    expect(eventRows[6]!.detail).toEqual({ guide: 'a,"b"\nc', n: -1, ok: true });
    expect(eventRows[5]!.detail).toBeNull();
  });

  exportTest('filters by room, and writes only a header when nothing matches', async ({ db, reader, folder }) => {
    const rooms = exportFixture(db);
    await exportToFile(reader, options({ roomId: rooms[2]! }), `${folder.path}/one.csv`);
    expect(readCsv(`${folder.path}/one.csv`).map((row) => row[1])).toEqual(['room', 'Room\r\nTwo']);
    const empty = localRange(NY, '2020-01-01', '2020-01-01');
    await exportToFile(reader, options({ start: empty.start, end: empty.end }), `${folder.path}/none.csv`);
    expect(readCsv(`${folder.path}/none.csv`)).toEqual([[...SESSION_COLUMNS]]);
  });

  exportTest('waits for a slow destination and reports progress up to the total', async ({ db, reader }) => {
    addManySessions(db, 3000);
    let text = '';
    let writes = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        text += chunk.toString('utf8');
        writes++;
        setImmediate(callback);
      },
    });
    const progress: [number, number][] = [];
    const result = await exportToStream(reader, options(), slow, {
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(result.rows).toBe(3000);
    expect(parseCsv(text.slice(1))).toHaveLength(3001);
    expect(writes).toBeGreaterThan(3);
    expect(progress[0]).toEqual([0, 3000]);
    expect(progress.at(-1)).toEqual([3000, 3000]);
    expect(progress.every(([done], index) => index === 0 || done >= progress[index - 1]![0])).toBe(true);
  });

  exportTest(
    'deletes the partial file when cancelled, leaving an earlier file as it was',
    async ({ db, reader, folder }) => {
      addManySessions(db, 3000, 1);
      const path = `${folder.path}/sessions.csv`;
      writeFileSync(path, 'last month’s export');
      expect(await exportCancelledMidway(reader, options(), path)).toMatchObject({ name: 'AbortError' });
      expect(readFileSync(path, 'utf8')).toBe('last month’s export');
      expect(readdirSync(folder.path).filter((name) => name.includes('partial'))).toEqual([]);
      // The reader is free again: a second export on it works.
      await exportToFile(reader, options(), `${folder.path}/again.csv`);
      expect(readCsv(`${folder.path}/again.csv`)).toHaveLength(3001);
    },
  );

  exportTest('fails cleanly, leaving no file, when the folder does not exist', async ({ db, reader, folder }) => {
    exportFixture(db);
    await expect(exportToFile(reader, options(), `${folder.path}/missing/x.csv`)).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(existsSync(`${folder.path}/missing`)).toBe(false);
  });
});
