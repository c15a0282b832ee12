import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { databasePath } from '../data-folder';
import { KioskError } from '../errors';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { listAuditEntries } from '../repositories/audit-log-repository';
import { insertRoom } from '../repositories/rooms-repository';
import { makeTempFolder } from '../testing/temp-folder';
import { listBackups } from './backups';
import { DAMAGED_FOLDER } from './open-with-recovery';
import { makeUnwritable, overwriteBytes, readRows } from '../testing/database-files';

const T0 = Date.UTC(2026, 2, 1, 6);
const HOUR = 60 * 60_000;
const quiet = { error: () => undefined };

let folder: ReturnType<typeof makeTempFolder>;
let clock: ManualClock;
const open = (options: { backups?: boolean } = {}): KioskCore =>
  openKioskCore({ dataFolder: folder.path, clock, logger: quiet, ...options });
const file = () => databasePath(folder.path);

beforeEach(() => {
  folder = makeTempFolder('kiosk-recovery-');
  clock = new ManualClock(T0);
});
afterEach(() => folder.cleanup());

/** A database with rooms on many pages, and a backup of it taken at close; then one more room after the backup. */
function databaseWithBackup(): { roomsInBackup: number } {
  const core = open();
  core.db.transaction(() => {
    for (let index = 0; index < 400; index++) insertRoom(core.db, { name: `Room ${index} ${'x'.repeat(40)}` });
  })();
  core.close();
  clock.advance(HOUR);
  const later = open({ backups: false });
  insertRoom(later.db, { name: 'Added after the backup' });
  later.close();
  return { roomsInBackup: 400 };
}

const damagedFiles = () =>
  existsSync(join(folder.path, DAMAGED_FOLDER)) ? readdirSync(join(folder.path, DAMAGED_FOLDER)).sort() : [];

type BreakFile = (path: string) => void;
const PAGE = 4096;
/** The file offset of the page that holds a row's text. */
const pageHolding = (path: string, text: string) => {
  const at = readFileSync(path).indexOf(Buffer.from(text));
  expect(at).toBeGreaterThan(0);
  return at - (at % PAGE);
};
const BROKEN_FILES: [string, BreakFile][] = [
  [
    'bytes overwritten in the middle of a data page',
    (path) => overwriteBytes(path, pageHolding(path, 'Room 200 ') + 2000, 300),
  ],
  ['a data page header overwritten', (path) => overwriteBytes(path, pageHolding(path, 'Room 200 '), 12)],
  ['the file header overwritten', (path) => overwriteBytes(path, 0, 100, 0x41)],
  ['the file truncated to half', (path) => truncateSync(path, Math.floor(readFileSync(path).length / 2))],
  [
    'a garbage file',
    (path) => writeFileSync(path, Buffer.from(Array.from({ length: 50_000 }, (_, index) => (index * 7919 + 13) % 256))),
  ],
];

describe('start-up check and recovery', () => {
  it('opens a sound database as it is, with no alert and no recovery', () => {
    databaseWithBackup();
    const core = open();
    expect(core.storage.recovery).toBeNull();
    expect(core.storage.alert()).toBeNull();
    expect(damagedFiles()).toEqual([]);
    core.close();
  });

  it.each(BROKEN_FILES)(
    '%s: moves it aside, restores the newest sound backup, alerts staff and audits it',
    async (_label, breakFile) => {
      const { roomsInBackup } = databaseWithBackup();
      const original = readFileSync(file());
      breakFile(file());
      const broken = readFileSync(file());
      expect(broken.equals(original)).toBe(false);
      clock.advance(HOUR);

      const core = open();
      const recovery = core.storage.recovery!;
      expect(recovery.restoredFrom).toBe(join('backups', listBackups(folder.path)[0]!.name));
      // The backup's rooms, plus those read back from the damaged file that the backup lacks.
      expect(core.db.prepare('SELECT count(*) FROM rooms').pluck().get()).toBe(
        roomsInBackup + (recovery.salvaged?.otherRows ?? 0),
      );
      expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');

      // The damaged file is kept byte for byte, under the time of the recovery.
      const stamp = '2026-03-01T08-00-00-000Z';
      expect(damagedFiles()).toContain(`kiosk-${stamp}.db`);
      expect(readFileSync(join(folder.path, DAMAGED_FOLDER, `kiosk-${stamp}.db`)).equals(broken)).toBe(true);
      expect(recovery.movedTo[0]).toBe(join(DAMAGED_FOLDER, `kiosk-${stamp}.db`));

      const status = await core.dispatch('getKioskStatus', {});
      expect(status).toMatchObject({
        ok: true,
        value: {
          storageAlert: {
            kind: 'recovered-from-backup',
            at: T0 + 2 * HOUR,
            backupTakenAt: T0,
          },
        },
      });
      const [entry] = listAuditEntries(core.db).filter((audit) => audit.action === 'db-recovered');
      expect(entry).toMatchObject({
        staffId: null,
        detail: { restoredFrom: recovery.restoredFrom, movedTo: recovery.movedTo, rejectedBackups: [] },
      });
      core.close();

      // The alert stays for staff after a restart; the recovery does not run again.
      const again = open();
      expect(again.storage.recovery).toBeNull();
      expect(again.storage.alert()?.kind).toBe('recovered-from-backup');
      again.close();
    },
  );

  // A documented limit, not a wish: quick_check (like integrity_check) proves the structure of the file, not every
  // byte of every row. A few bytes changed inside a row's text read back changed, and no check can tell.
  it('does not notice a few bytes changed inside the text of a row', () => {
    databaseWithBackup();
    overwriteBytes(file(), readFileSync(file()).indexOf(Buffer.from('Room 200 ')) + 5, 3, 0x41);
    const core = open();
    expect(core.storage.recovery).toBeNull();
    expect(core.db.prepare("SELECT count(*) FROM rooms WHERE name LIKE 'Room AAA %'").pluck().get()).toBe(1);
    core.close();
  });

  it('moves the -wal and -shm files aside with the database', () => {
    databaseWithBackup();
    const holder = open({ backups: false });
    insertRoom(holder.db, { name: 'In the WAL only' });
    // Copy the files while the WAL is still there, as a crash would leave them.
    const crashed = makeTempFolder('kiosk-crashed-');
    for (const suffix of ['', '-wal', '-shm'])
      copyFileSync(`${file()}${suffix}`, join(crashed.path, `kiosk.db${suffix}`));
    mkdirSync(join(crashed.path, 'backups'));
    for (const backup of listBackups(folder.path))
      copyFileSync(backup.path, join(crashed.path, 'backups', backup.name));
    holder.close();
    overwriteBytes(join(crashed.path, 'kiosk.db'), 0, 100, 0x41);

    const core = openKioskCore({ dataFolder: crashed.path, clock, logger: quiet });
    expect(core.storage.recovery?.movedTo.map((path) => path.replace(/^.*kiosk-[^.]+/, ''))).toEqual([
      '.db',
      '.db-wal',
      '.db-shm',
    ]);
    core.close();
    crashed.cleanup();
  });

  it('skips backups that are damaged too, and says which', () => {
    databaseWithBackup();
    clock.advance(HOUR);
    const core = open();
    insertRoom(core.db, { name: 'One more' });
    core.close(); // a second, newer backup
    const [newest, older] = listBackups(folder.path);
    overwriteBytes(newest!.path, 0, 100, 0x41);
    overwriteBytes(file(), 0, 100, 0x41);

    const recovered = open();
    expect(recovered.storage.recovery).toMatchObject({
      restoredFrom: join('backups', older!.name),
      rejectedBackups: [join('backups', newest!.name)],
    });
    // The damaged backup is left where it was: it is evidence, not ours to delete.
    expect(existsSync(newest!.path)).toBe(true);
    recovered.close();
  });

  it('starts empty, with the same kind of alert, when no backup is sound', async () => {
    databaseWithBackup();
    for (const backup of listBackups(folder.path)) overwriteBytes(backup.path, 0, 100, 0x41);
    overwriteBytes(file(), 0, 100, 0x41);

    const core = open();
    expect(core.storage.recovery).toMatchObject({ restoredFrom: null });
    // Only what could be read back from the damaged file (its first page was overwritten).
    expect(core.db.prepare('SELECT count(*) FROM rooms').pluck().get()).toBe(
      core.storage.recovery!.salvaged!.otherRows,
    );
    const status = await core.dispatch('getKioskStatus', {});
    expect(status).toMatchObject({ ok: true, value: { setupRequired: true, storageAlert: { kind: 'started-empty' } } });
    expect(listAuditEntries(core.db).map((entry) => entry.action)).toEqual(['db-recovered']);
    core.close();
  });

  it('starts empty when there is no backup at all', () => {
    const core = open({ backups: false });
    insertRoom(core.db, { name: 'Room 1' });
    core.close();
    overwriteBytes(file(), 0, 100, 0x41);
    const recovered = open();
    expect(recovered.storage.alert()?.kind).toBe('started-empty');
    expect(damagedFiles()).toHaveLength(1);
    recovered.close();
  });

  it('refuses a database written by a newer kiosk with migrate’s message, and moves nothing', () => {
    databaseWithBackup();
    const core = open({ backups: false });
    core.db.pragma('user_version = 99');
    core.close();
    const before = readFileSync(file());

    expect(() => open()).toThrow(
      expect.objectContaining({
        code: 'storage-unavailable',
        message: expect.stringContaining('schema version 99') as unknown,
      }),
    );
    expect(readFileSync(file()).equals(before)).toBe(true);
    expect(damagedFiles()).toEqual([]);
  });
});

describe('a data folder that cannot be used', () => {
  const expectStorageUnavailable = (run: () => unknown, words: RegExp) => {
    let thrown: unknown;
    try {
      run();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(KioskError);
    expect(thrown).toMatchObject({ code: 'storage-unavailable', message: expect.stringMatching(words) as unknown });
  };

  it('is a typed storage-unavailable error when the path is a file, not a folder', () => {
    const path = join(folder.path, 'not-a-folder');
    writeFileSync(path, 'hello');
    expectStorageUnavailable(
      () => openKioskCore({ dataFolder: path, clock, logger: quiet }),
      /cannot use its data folder .*not a folder.*Please call IT/,
    );
    expect(readFileSync(path, 'utf8')).toBe('hello');
  });

  it('is a typed storage-unavailable error when kiosk.db is a folder', () => {
    mkdirSync(file());
    expectStorageUnavailable(() => open(), /cannot use its data folder/);
    expect(damagedFiles()).toEqual([]);
  });

  it('is a typed storage-unavailable error when the folder is read-only, and nothing is moved', (context) => {
    databaseWithBackup();
    const before = readFileSync(file());
    const locked = makeUnwritable(folder.path);
    if ('skip' in locked) {
      context.skip(locked.skip);
      return;
    }
    try {
      expectStorageUnavailable(() => open(), /cannot be written/);
    } finally {
      locked.undo();
    }
    expect(readFileSync(file()).equals(before)).toBe(true);
    expect(damagedFiles()).toEqual([]);
  });
});

describe('writes that fail once the kiosk is running', () => {
  it('answer storage-unavailable and raise a disk-full alert for staff', async () => {
    const core = open({ backups: false });
    insertRoom(core.db, { name: 'Room 1' });
    // A database that may not grow is what a full disk looks like to SQLite.
    const pages = core.db.pragma('page_count', { simple: true }) as number;
    core.db.pragma(`max_page_count = ${pages}`);
    const bigName = (index: number) => `Room ${index} ${'y'.repeat(50)}`;
    let full: unknown;
    for (let index = 0; index < 500 && full === undefined; index++) {
      try {
        insertRoom(core.db, { name: bigName(index) });
      } catch (error) {
        full = error;
      }
    }
    expect(full).toMatchObject({ code: 'SQLITE_FULL' });
    const result = await core.dispatch('completeSetup', {
      kioskName: 'Ward',
      rooms: Array.from({ length: 20 }, (_, index) => bigName(index)),
      admin: { displayName: 'Ana', pin: '4821' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'storage-unavailable' } });
    const status = await core.dispatch('getKioskStatus', {});
    expect(status).toMatchObject({ ok: true, value: { storageAlert: { kind: 'disk-full', at: T0 } } });
    core.close();
  });

  it('answer storage-unavailable and raise a read-only alert for staff', async () => {
    const core = open({ backups: false });
    core.db.pragma('query_only = ON');
    const result = await core.dispatch('completeSetup', {
      kioskName: 'Ward',
      rooms: ['Room 1'],
      admin: { displayName: 'Ana', pin: '4821' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'storage-unavailable' } });
    expect(core.storage.alert()).toMatchObject({ kind: 'read-only' });
    core.db.pragma('query_only = OFF');
    core.close();
  });
});

describe('reading a recovered database from outside the kiosk', () => {
  it('shows the recovery in the audit log of the file itself', () => {
    databaseWithBackup();
    overwriteBytes(file(), 0, 100, 0x41);
    open().close();
    const rows = readRows<{ action: string }>(file(), 'SELECT action FROM audit_log');
    expect(rows.map((row) => row.action)).toContain('db-recovered');
  });
});
