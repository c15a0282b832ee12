import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import type { KioskLogger } from '../logging/kiosk-logger';
import { insertAuditEntry, listAuditEntries } from '../repositories/audit-log-repository';
import { insertRoom } from '../repositories/rooms-repository';
import { databaseFingerprint } from '../testing/database-fingerprint';
import { makeTempFolder } from '../testing/temp-folder';
import { backupFolder, backUpOnline, isBackupDue, listBackups } from './backups';
import { readRows } from '../testing/database-files';

const T0 = Date.UTC(2026, 2, 1, 6);
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const quiet = { error: () => undefined };

let folder: ReturnType<typeof makeTempFolder>;
let clock: ManualClock;
const open = (options: { backups?: boolean; logger?: KioskLogger } = {}): KioskCore =>
  openKioskCore({ dataFolder: folder.path, clock, logger: quiet, ...options });
const backupNames = () => listBackups(folder.path).map((backup) => backup.name);

/** The kiosk opened, changed and closed once a day for `days` days from now: each close leaves a backup. */
function closeDaily(days: number): void {
  for (let day = 0; day < days; day++) {
    if (day > 0) clock.advance(DAY);
    const core = open();
    insertRoom(core.db, { name: `Room ${day}` });
    core.close();
  }
}

beforeEach(() => {
  folder = makeTempFolder('kiosk-backups-');
  clock = new ManualClock(T0);
});
afterEach(() => folder.cleanup());

describe('backups', () => {
  it('takes one at close, named by the UTC time, holding exactly what the database held', () => {
    const core = open();
    insertRoom(core.db, { name: 'Room 1' });
    const fingerprint = databaseFingerprint(core.db);
    core.close();
    expect(backupNames()).toEqual(['kiosk-2026-03-01T06-00-00-000Z.db']);
    const backup = new Database(listBackups(folder.path)[0]!.path, { readonly: true, fileMustExist: true });
    expect(databaseFingerprint(backup)).toBe(fingerprint);
    expect(backup.pragma('quick_check', { simple: true })).toBe('ok');
    backup.close();
  });

  it('does not take one at close when nothing changed and a backup exists', () => {
    open().close();
    expect(backupNames()).toHaveLength(1);
    clock.advance(HOUR);
    open().close();
    expect(backupNames()).toHaveLength(1);
    clock.advance(HOUR);
    const core = open();
    insertRoom(core.db, { name: 'Room 1' });
    core.close();
    expect(backupNames()).toHaveLength(2);
  });

  it('keeps a month of daily closes by age: the last 7 days, then the newest of each of the last 4 weeks', () => {
    closeDaily(40);
    // 2026-04-09 is a Thursday; weeks start on Monday (UTC).
    expect(backupNames()).toEqual([
      'kiosk-2026-04-09T06-00-00-000Z.db',
      'kiosk-2026-04-08T06-00-00-000Z.db',
      'kiosk-2026-04-07T06-00-00-000Z.db',
      'kiosk-2026-04-06T06-00-00-000Z.db',
      'kiosk-2026-04-05T06-00-00-000Z.db',
      'kiosk-2026-04-04T06-00-00-000Z.db',
      'kiosk-2026-04-03T06-00-00-000Z.db',
      'kiosk-2026-03-29T06-00-00-000Z.db',
      'kiosk-2026-03-22T06-00-00-000Z.db',
    ]);
  });

  it('takes an online backup at most hourly, and only when something changed since the last', async () => {
    const core = open();
    insertRoom(core.db, { name: 'Room 1' });
    const first = await core.backUpIfDue();
    expect(first).toBe(join(backupFolder(folder.path), 'kiosk-2026-03-01T06-00-00-000Z.db'));
    insertRoom(core.db, { name: 'Room 2' });
    clock.advance(HOUR - 1);
    expect(await core.backUpIfDue()).toBeNull();
    clock.advance(1);
    expect(await core.backUpIfDue()).toBe(join(backupFolder(folder.path), 'kiosk-2026-03-01T07-00-00-000Z.db'));
    expect(readRows(first!, 'SELECT name FROM rooms')).toEqual([{ name: 'Room 1' }]);
    // Nothing changed since: no copy of the same data every hour, and none at close either.
    clock.advance(3 * HOUR);
    expect(await core.backUpIfDue()).toBeNull();
    core.close();
    expect(backupNames()).toHaveLength(2);
  });

  it('counts a change made by another program on the same folder, such as a staff command', async () => {
    const core = open();
    expect(await core.backUpIfDue()).not.toBeNull();
    clock.advance(2 * HOUR);
    expect(await core.backUpIfDue()).toBeNull();
    const other = new Database(join(folder.path, 'kiosk.db'));
    insertRoom(other, { name: 'Room 9' });
    other.close();
    expect(await core.backUpIfDue()).toBe(join(backupFolder(folder.path), 'kiosk-2026-03-01T08-00-00-000Z.db'));
    core.close();
    expect(backupNames()).toHaveLength(2);
  });

  it('takes one at the first check after start-up when the newest is over an hour old, changed or not', async () => {
    open().close();
    clock.advance(2 * HOUR);
    const core = open();
    expect(await core.backUpIfDue()).toBe(join(backupFolder(folder.path), 'kiosk-2026-03-01T08-00-00-000Z.db'));
    core.close();
  });

  it('goes on taking backups after the clock is set back, and keeps the ones named in the future', async () => {
    const core = open();
    insertRoom(core.db, { name: 'Room 1' });
    await core.backUpIfDue();
    clock.advance(-2 * DAY);
    insertRoom(core.db, { name: 'Room 2' });
    expect(await core.backUpIfDue()).toBe(join(backupFolder(folder.path), 'kiosk-2026-02-27T06-00-00-000Z.db'));
    core.close();
    expect(backupNames()).toEqual(['kiosk-2026-03-01T06-00-00-000Z.db', 'kiosk-2026-02-27T06-00-00-000Z.db']);
  });

  it('runs one online backup at a time', async () => {
    const core = open();
    const [a, b] = await Promise.all([core.backUpIfDue(), core.backUpIfDue()]);
    expect(a).toBe(b);
    expect(backupNames()).toHaveLength(1);
    core.close();
  });

  it('keeps answering calls while an online backup of a large database runs', async () => {
    const core = open({ backups: false });
    // About 300 pages: the backup copies 100 per turn of the event loop.
    core.db.transaction(() => {
      for (let index = 0; index < 400; index++) {
        insertAuditEntry(core.db, { at: index, staffId: null, action: 'export', detail: { pad: 'x'.repeat(3000) } });
      }
    })();
    let done = false;
    const backup = backUpOnline(core.db, folder.path, clock.now()).then(() => (done = true));
    // Calls arrive as separate turns of the event loop, as IPC messages do.
    let answered = 0;
    while (!done && answered < 1000) {
      await new Promise((resolve) => setImmediate(resolve));
      expect(await core.dispatch('getKioskStatus', {})).toMatchObject({ ok: true });
      answered++;
    }
    await backup;
    expect(answered).toBeGreaterThan(1);
    expect(readRows(listBackups(folder.path)[0]!.path, 'SELECT count(*) AS n FROM audit_log')).toEqual([{ n: 400 }]);
    core.close();
  });

  it('ignores and clears what a crash in the middle of a backup left behind', async () => {
    mkdirSync(backupFolder(folder.path));
    writeFileSync(join(backupFolder(folder.path), 'kiosk-2026-03-01T05-00-00-000Z.db.partial'), 'half a file');
    writeFileSync(join(backupFolder(folder.path), 'notes.txt'), 'not ours');
    expect(isBackupDue(folder.path, T0)).toBe(true);
    const core = open();
    await core.backUpIfDue();
    core.close();
    expect(readdirSync(backupFolder(folder.path)).sort()).toEqual(['kiosk-2026-03-01T06-00-00-000Z.db', 'notes.txt']);
  });

  it('audits a backup that fails and still closes', async () => {
    writeFileSync(backupFolder(folder.path), 'a file where the backups folder should be');
    const errors: string[] = [];
    const core = open({ logger: { error: (message) => errors.push(message) } });
    expect(await core.backUpIfDue()).toBeNull();
    insertRoom(core.db, { name: 'Room 1' });
    core.close();
    expect(core.db.open).toBe(false);
    expect(errors).toEqual(['storage: the hourly backup failed', 'storage: the closing backup failed']);
    rmSync(backupFolder(folder.path));
    const again = open({ backups: false });
    expect(listAuditEntries(again.db).map((entry) => [entry.action, entry.detail])).toEqual([
      ['backup-failed', { when: 'closing', code: expect.stringMatching(/^E[A-Z]+$/) as unknown }],
      ['backup-failed', { when: 'hourly', code: expect.stringMatching(/^E[A-Z]+$/) as unknown }],
    ]);
    again.close();
  });

  it('tries a failing backup again after 5, 10, 20 minutes, audits the first failure only, and says when it works', async () => {
    writeFileSync(backupFolder(folder.path), 'a file where the backups folder should be');
    const lines: string[] = [];
    const core = open({ logger: { error: (message) => lines.push(message), info: (message) => lines.push(message) } });
    const tryEachMinute = async (minutes: number) => {
      for (let minute = 0; minute < minutes; minute++) {
        await core.backUpIfDue();
        clock.advance(60_000);
      }
    };
    await tryEachMinute(35); // tries at minutes 0, 5 and 15; the next is due at minute 35
    expect(lines.filter((line) => line.startsWith('storage:'))).toEqual([
      'storage: the hourly backup failed',
      'storage: the hourly backup failed again (2 tries in a row)',
      'storage: the hourly backup failed again (3 tries in a row)',
    ]);
    rmSync(backupFolder(folder.path));
    expect(await core.backUpIfDue()).not.toBeNull();
    expect(lines.at(-1)).toBe('storage: backups work again after 3 failed tries');
    expect(listAuditEntries(core.db).filter((entry) => entry.action === 'backup-failed')).toHaveLength(1);
    core.close();
  });

  it('keeps older daily and weekly backups through 7 quick restarts within a minute', () => {
    // One backup a day for 30 days, then, two hours later, seven restarts in one minute, each changing something.
    closeDaily(30);
    const before = backupNames();
    clock.advance(2 * HOUR);
    for (let restart = 0; restart < 7; restart++) {
      const core = open();
      insertRoom(core.db, { name: `Restart ${restart}` });
      core.close();
      clock.advance(5_000);
    }
    const after = backupNames();
    // The last restart's backup replaced the other six; every daily and weekly one kept before is still there.
    expect(after[0]).toBe('kiosk-2026-03-30T08-00-30-000Z.db');
    expect(after).toEqual(expect.arrayContaining(before));
    expect(after).toHaveLength(before.length + 1);
  });

  it('takes none when turned off', () => {
    const core = open({ backups: false });
    insertRoom(core.db, { name: 'Room 1' });
    core.close();
    expect(backupNames()).toEqual([]);
  });
});
