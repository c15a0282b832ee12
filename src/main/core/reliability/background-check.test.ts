import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock';
import { databasePath } from '../data-folder';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { insertRoom } from '../repositories/rooms-repository';
import { addRoom, addSession, addStaffMember } from '../testing/report-fixture';
import { makeTempFolder } from '../testing/temp-folder';
import { checkWholeFileInBackground } from './background-check';
import { listBackups } from './backups';
import { FULL_CHECK_DUE } from './open-with-recovery';
import { overwriteBytes, readRows } from '../testing/database-files';

const T0 = Date.UTC(2026, 2, 1, 6);
const HOUR = 60 * 60_000;
const PAGE = 4096;
const quiet = { error: () => undefined };

let folder: ReturnType<typeof makeTempFolder>;
let clock: ManualClock;
const file = () => databasePath(folder.path);
const open = (options: Partial<Parameters<typeof openKioskCore>[0]> = {}): KioskCore =>
  openKioskCore({ dataFolder: folder.path, clock, logger: quiet, ...options });
const uuidOf = (index: number) => `5e5510e5-0000-4000-8000-${String(index).padStart(12, '0')}`;

beforeEach(() => {
  folder = makeTempFolder('kiosk-background-check-');
  clock = new ManualClock(T0);
});
afterEach(() => folder.cleanup());

/** 2,000 sessions (dozens of pages) and a backup of them taken at close; then one more room after the backup. */
function historyWithBackup(): void {
  const core = open();
  core.db.transaction(() => {
    const roomId = addRoom(core.db, 'Room 1');
    const startedBy = addStaffMember(core.db, '42');
    for (let index = 0; index < 2000; index++) {
      const start = new Date(T0 - (index + 1) * HOUR).toISOString();
      const end = new Date(T0 - (index + 1) * HOUR + 20 * 60_000).toISOString();
      addSession(core.db, { uuid: uuidOf(index), roomId, startedBy, start, end });
    }
  })();
  core.close();
  clock.advance(HOUR);
  const later = open({ backups: false });
  insertRoom(later.db, { name: 'Added after the backup' });
  later.close();
}

/** Overwrites the middle of the page of the sessions table (or its index) that holds a session's uuid. */
function damageSessionsPage(): void {
  const at = readFileSync(file()).indexOf(Buffer.from(uuidOf(1000)));
  expect(at).toBeGreaterThan(0);
  overwriteBytes(file(), at - (at % PAGE), 12);
}

describe('the whole-file check after start-up', () => {
  it('finds a damaged sessions page that start-up left out, stops writes, and the restart restores the backup', async () => {
    historyWithBackup();
    damageSessionsPage();
    clock.advance(HOUR);
    const onDatabaseDamaged = vi.fn();

    const core = open({ onDatabaseDamaged });
    // Start-up checks only the tables that do not grow with history: the damage is not seen yet.
    expect(core.storage.recovery).toBeNull();
    expect(core.storage.alert()).toBeNull();

    const problem = await core.storage.checkInBackground();
    expect(problem).toMatch(/quick_check|SQLITE_CORRUPT/);
    expect(onDatabaseDamaged).toHaveBeenCalledExactlyOnceWith(problem);
    const status = await core.dispatch('getKioskStatus', {});
    expect(status).toMatchObject({ ok: true, value: { storageAlert: { kind: 'write-failed', at: T0 + 2 * HOUR } } });
    expect(existsSync(join(folder.path, FULL_CHECK_DUE))).toBe(true);
    // Nothing more goes into the damaged file, and closing takes no backup of it.
    expect(() => insertRoom(core.db, { name: 'Not saved' })).toThrow(/readonly/i);
    const backups = listBackups(folder.path).length;
    core.close();
    expect(listBackups(folder.path)).toHaveLength(backups);

    // The next start takes the start-up recovery, with the same alert a damaged file found at start-up gets.
    clock.advance(HOUR);
    const restarted = open();
    expect(restarted.storage.recovery).toMatchObject({
      restoredFrom: join('backups', listBackups(folder.path)[0]!.name),
      keptWhole: false,
    });
    expect(restarted.storage.alert()).toMatchObject({ kind: 'recovered-from-backup', backupTakenAt: T0 });
    expect(restarted.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(restarted.db.prepare("SELECT count(*) FROM rooms WHERE name = 'Added after the backup'").pluck().get()).toBe(
      1,
    );
    expect(existsSync(join(folder.path, FULL_CHECK_DUE))).toBe(false);
    restarted.close();
  });

  it('starts by itself after start-up when the kiosk asks for it', async () => {
    historyWithBackup();
    damageSessionsPage();
    const onDatabaseDamaged = vi.fn();
    const core = open({ onDatabaseDamaged, checkAfterStartMs: 0 });
    await vi.waitFor(() => expect(onDatabaseDamaged).toHaveBeenCalledOnce(), { timeout: 10_000 });
    expect(core.storage.alert()?.kind).toBe('write-failed');
    core.close();
  });

  it('answers null for a sound file and changes nothing', async () => {
    historyWithBackup();
    const before = readRows<{ n: number }>(file(), 'SELECT count(*) AS n FROM sessions');
    const onDatabaseDamaged = vi.fn();
    const core = open({ onDatabaseDamaged });
    expect(await core.storage.checkInBackground()).toBeNull();
    expect(await core.storage.checkInBackground()).toBeNull();
    expect(onDatabaseDamaged).not.toHaveBeenCalled();
    expect(core.storage.alert()).toBeNull();
    expect(existsSync(join(folder.path, FULL_CHECK_DUE))).toBe(false);
    insertRoom(core.db, { name: 'Still saved' });
    core.close();
    expect(readRows<{ n: number }>(file(), 'SELECT count(*) AS n FROM sessions')).toEqual(before);
  });

  it('answers null when the kiosk closes before the check ends', async () => {
    historyWithBackup();
    damageSessionsPage();
    const onDatabaseDamaged = vi.fn();
    const core = open({ onDatabaseDamaged });
    const result = core.storage.checkInBackground();
    core.close();
    expect(await result).toBeNull();
    expect(onDatabaseDamaged).not.toHaveBeenCalled();
  });
});

describe('checkWholeFileInBackground', () => {
  it('calls a file SQLite cannot read at all damage', async () => {
    writeFileSync(join(folder.path, 'garbage.db'), Buffer.alloc(8192, 0x41));
    expect(await checkWholeFileInBackground(join(folder.path, 'garbage.db'), undefined).result).toMatch(
      /SQLITE_NOTADB/,
    );
  });

  it('rejects when the file cannot be opened, which says nothing about the file', async () => {
    await expect(checkWholeFileInBackground(join(folder.path, 'missing.db'), undefined).result).rejects.toThrow();
  });
});
