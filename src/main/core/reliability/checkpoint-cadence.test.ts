import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock';
import { databasePath } from '../data-folder';
import { openKioskCore } from '../kiosk-core';
import { insertRoom } from '../repositories/rooms-repository';
import { makeTempFolder } from '../testing/temp-folder';
import { readRows } from '../testing/database-files';

let folder: ReturnType<typeof makeTempFolder>;
beforeEach(() => {
  folder = makeTempFolder('kiosk-checkpoint-');
  // Only the minute's interval is faked: SQLite and the file system run for real.
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});
afterEach(() => {
  vi.useRealTimers();
  folder.cleanup();
});

/** The rooms a copy of kiosk.db alone holds: what is left when the write-ahead log is lost. */
function roomsWithoutTheWal(): string[] {
  const copy = join(folder.path, 'without-wal.db');
  copyFileSync(databasePath(folder.path), copy);
  return readRows<{ name: string }>(copy, 'SELECT name FROM rooms ORDER BY name').map((row) => row.name);
}

describe('checkpoint cadence', () => {
  it('copies the write-ahead log into kiosk.db within a minute, so a lost WAL costs at most a minute of writes', () => {
    const core = openKioskCore({
      dataFolder: folder.path,
      clock: new ManualClock(Date.UTC(2026, 2, 1, 6)),
      logger: { error: () => undefined },
      housekeepingEveryMinute: true,
      backups: false,
    });
    try {
      // The schema in the file; from here on what is written lands in the WAL first.
      core.db.pragma('wal_checkpoint(TRUNCATE)');
      insertRoom(core.db, { name: 'Room 1' });
      // Committed, but only in the WAL: SQLite's own checkpoint waits for 1,000 pages.
      expect(roomsWithoutTheWal()).toEqual([]);
      vi.advanceTimersByTime(60_000);
      expect(roomsWithoutTheWal()).toEqual(['Room 1']);
    } finally {
      core.close();
    }
  });
});
