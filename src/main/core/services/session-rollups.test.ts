import { expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { openDatabase } from '../db/open-database';
import { openKioskCore } from '../kiosk-core';
import { addRoom, addSession, addStaffMember } from '../testing/report-fixture';
import { beginBulkLoad, finishBulkLoad } from '../repositories/rollup-repository';
import { insertFleetLink } from '../repositories/fleet-outbox-repository';
import { dbTest } from '../testing/temp-database';
import { makeTempFolder } from '../testing/temp-folder';

/** The rollups' and summaries' six, the fleet outbox's seven, the staff directory queue's two, the help calls' one. */
const TRIGGERS_OF_A_NEW_DATABASE = 16;
const triggersOn = (db: { prepare(sql: string): { pluck(): { get(): unknown } } }) =>
  db
    .prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name IN ('sessions', 'session_events')")
    .pluck()
    .get();

it('opening the kiosk finishes a bulk load that was cut short: totals recounted, triggers back', () => {
  const folder = makeTempFolder();
  try {
    const db = openDatabase(`${folder.path}/kiosk.db`);
    const staff = addStaffMember(db, '1');
    const room = addRoom(db, 'Room 1');
    db.transaction(() => beginBulkLoad(db)).immediate();
    addSession(db, { roomId: room, startedBy: staff, start: '2026-03-01T10:00:00Z', end: '2026-03-01T10:20:00Z' });
    db.close();

    const core = openKioskCore({ dataFolder: folder.path, clock: new ManualClock(0), backups: false });
    try {
      const count = (sql: string) => core.db.prepare(sql).pluck().get();
      expect(count('SELECT count(*) FROM bulk_load')).toBe(0);
      expect(count('SELECT sum(ended) FROM session_days')).toBe(1);
      expect(count("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'")).toBe(TRIGGERS_OF_A_NEW_DATABASE);
    } finally {
      core.close();
    }
  } finally {
    folder.cleanup();
  }
});

dbTest(
  'a bulk load drops every trigger on sessions and events, the fleet outbox’s too, and brings them back',
  ({ db }) => {
    const before = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").pluck().all();
    expect(before).toHaveLength(TRIGGERS_OF_A_NEW_DATABASE);
    db.transaction(() => beginBulkLoad(db)).immediate();
    // Any trigger left on these tables would cost a statement journal for every row the load inserts.
    expect(triggersOn(db)).toBe(0);
    db.transaction(() => finishBulkLoad(db)).immediate();
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").pluck().all()).toEqual(
      before,
    );
  },
);

dbTest('a kiosk in a fleet refuses a bulk load and keeps its triggers', ({ db }) => {
  insertFleetLink(db, {
    kioskId: 'k-7',
    kioskName: '4 West',
    unit: null,
    server: 'db.hospital:5432/fleet',
    joinedAt: 0,
  });
  const before = triggersOn(db);
  expect(() => db.transaction(() => beginBulkLoad(db)).immediate()).toThrow(/belongs to a fleet/);
  expect(triggersOn(db)).toBe(before);
  expect(db.prepare('SELECT count(*) FROM bulk_load').pluck().get()).toBe(0);
});
