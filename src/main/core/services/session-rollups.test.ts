import { expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { openDatabase } from '../db/open-database';
import { openKioskCore } from '../kiosk-core';
import { addRoom, addSession, addStaffMember } from '../testing/report-fixture';
import { beginBulkLoad } from '../repositories/rollup-repository';
import { makeTempFolder } from '../testing/temp-folder';

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
      expect(count("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'")).toBe(6);
    } finally {
      core.close();
    }
  } finally {
    folder.cleanup();
  }
});
