import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock';
import { databasePath } from '../data-folder';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { listAuditEntries } from '../repositories/audit-log-repository';
import { addRoom, addSession, addStaffMember } from '../testing/report-fixture';
import { insertRoom } from '../repositories/rooms-repository';
import { databaseFingerprint } from '../testing/database-fingerprint';
import { seedStaff } from '../testing/seed-staff';
import { makeTempFolder } from '../testing/temp-folder';
import { overwriteBytes } from '../testing/database-files';

const T0 = Date.UTC(2026, 2, 1, 6);
const HOUR = 60 * 60_000;
const quiet = { error: () => undefined };

let folder: ReturnType<typeof makeTempFolder>;
let clock: ManualClock;
let core: KioskCore;
const open = (): KioskCore => openKioskCore({ dataFolder: folder.path, clock, logger: quiet });

async function signIn(staffNumber: string, pin: string): Promise<string> {
  const result = await core.dispatch('signIn', { staffNumber, pin });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as { staffToken: string }).staffToken;
}

async function storageAlert(): Promise<unknown> {
  const status = await core.dispatch('getKioskStatus', {});
  if (!status.ok) throw new Error(status.error.message);
  return (status.value as { storageAlert: unknown }).storageAlert;
}

/** A kiosk whose database was damaged and restored from the backup taken at T0, with an admin and a nurse. */
async function recoveredKiosk(): Promise<void> {
  const first = open();
  insertRoom(first.db, { name: 'Room 1' });
  first.close(); // the backup, taken at T0
  overwriteBytes(databasePath(folder.path), 0, 100, 0x41);
  clock.advance(HOUR);
  core = open();
  await seedStaff(core.db, { staffNumber: '100', pin: '9876', role: 'admin' });
  await seedStaff(core.db, { staffNumber: '42', pin: '2468', role: 'nurse' });
}

beforeEach(() => {
  folder = makeTempFolder('kiosk-storage-alert-');
  clock = new ManualClock(T0);
});
afterEach(() => {
  core.close();
  folder.cleanup();
});

describe('dismissing a recovery notice', () => {
  it('clears it for good, for an admin, and audits who dismissed what', async () => {
    await recoveredKiosk();
    expect(await storageAlert()).toMatchObject({ kind: 'recovered-from-backup', backupTakenAt: T0 });
    clock.advance(HOUR);
    const admin = await signIn('100', '9876');

    expect(await core.dispatch('dismissStorageAlert', { staffToken: admin })).toEqual({
      ok: true,
      value: { storageAlert: null },
    });
    expect(await storageAlert()).toBeNull();
    const [entry] = listAuditEntries(core.db).filter((audit) => audit.action === 'storage-alert-dismissed');
    expect(entry).toMatchObject({
      at: T0 + 2 * HOUR,
      staffId: expect.any(Number) as unknown,
      detail: { kind: 'recovered-from-backup', at: T0 + HOUR, backupTakenAt: T0 },
    });

    // Still gone after a restart: the recovery does not run again, and nothing brings the notice back.
    core.close();
    core = open();
    expect(await storageAlert()).toBeNull();
  });

  it('refuses a nurse and a lapsed sign-in, and changes nothing', async () => {
    await recoveredKiosk();
    const nurse = await signIn('42', '2468');
    const before = databaseFingerprint(core.db);
    expect(await core.dispatch('dismissStorageAlert', { staffToken: nurse })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await core.dispatch('dismissStorageAlert', { staffToken: 'Z'.repeat(43) })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    expect(databaseFingerprint(core.db)).toBe(before);
    expect(await storageAlert()).toMatchObject({ kind: 'recovered-from-backup' });
  });

  it('answers not-found when there is no notice, and audits nothing', async () => {
    core = open();
    await seedStaff(core.db, { staffNumber: '100', pin: '9876', role: 'admin' });
    const admin = await signIn('100', '9876');
    const before = databaseFingerprint(core.db);
    expect(await core.dispatch('dismissStorageAlert', { staffToken: admin })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(databaseFingerprint(core.db)).toBe(before);
  });
});

describe('a save failure', () => {
  it('shows until a call commits a write again, then clears itself, audited', async () => {
    core = open();
    await seedStaff(core.db, { staffNumber: '100', pin: '9876', role: 'admin' });
    const admin = await signIn('100', '9876');

    core.db.pragma('query_only = ON'); // what a data folder turned read-only looks like to SQLite
    expect(await core.dispatch('addRoom', { staffToken: admin, name: 'Room 1' })).toMatchObject({
      ok: false,
      error: { code: 'storage-unavailable' },
    });
    expect(await storageAlert()).toMatchObject({ kind: 'read-only', at: T0 });

    // Reads working again prove nothing about saving: the notice stays.
    core.db.pragma('query_only = OFF');
    clock.advance(30_000);
    expect(await core.dispatch('listRooms', {})).toMatchObject({ ok: true });
    expect(await core.dispatch('listAllRooms', { staffToken: admin })).toMatchObject({ ok: true });
    expect(await storageAlert()).toMatchObject({ kind: 'read-only' });
    // A call refused for its own reasons is no proof either.
    expect(await core.dispatch('addRoom', { staffToken: 'Z'.repeat(43), name: 'Room 1' })).toMatchObject({
      ok: false,
    });
    expect(await storageAlert()).toMatchObject({ kind: 'read-only' });

    expect(await core.dispatch('addRoom', { staffToken: admin, name: 'Room 1' })).toMatchObject({ ok: true });
    expect(await storageAlert()).toBeNull();
    const [entry] = listAuditEntries(core.db).filter((audit) => audit.action === 'storage-writes-restored');
    expect(entry).toMatchObject({ at: T0 + 30_000, staffId: null, detail: { kind: 'read-only', failedAt: T0 } });
  });

  it('covers a recovery notice while it lasts; the recovery notice shows again after it clears', async () => {
    await recoveredKiosk();
    const admin = await signIn('100', '9876');
    core.db.pragma('query_only = ON');
    await core.dispatch('addRoom', { staffToken: admin, name: 'Room 2' });
    expect(await storageAlert()).toMatchObject({ kind: 'read-only' });
    // Dismissing needs a save, so it fails too and the notice stays.
    expect(await core.dispatch('dismissStorageAlert', { staffToken: admin })).toMatchObject({
      ok: false,
      error: { code: 'storage-unavailable' },
    });
    core.db.pragma('query_only = OFF');
    await core.dispatch('addRoom', { staffToken: admin, name: 'Room 2' });
    expect(await storageAlert()).toMatchObject({ kind: 'recovered-from-backup' });
  });

  it('is raised by background housekeeping too, which writes outside any call', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      core = openKioskCore({ dataFolder: folder.path, clock, logger: quiet, housekeepingEveryMinute: true });
      const nurse = addStaffMember(core.db, '42');
      const room = addRoom(core.db, 'Room 1');
      // Left open ten hours ago: the next housekeeping run closes it, which is a write.
      const overdue = addSession(core.db, {
        roomId: room,
        startedBy: nurse,
        start: new Date(T0 - 10 * HOUR).toISOString(),
      });
      core.db.pragma('query_only = ON');
      vi.advanceTimersByTime(60_000);
      expect(core.storage.alert()).toMatchObject({ kind: 'read-only', at: T0 });
      core.db.pragma('query_only = OFF');
      vi.advanceTimersByTime(60_000);
      expect(core.db.prepare('SELECT end_reason FROM sessions WHERE id = ?').pluck().get(overdue.id)).toBe(
        'auto-closed',
      );
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not clear once the kiosk has closed, and dispatch still answers', async () => {
    core = open();
    core.db.pragma('query_only = ON');
    await core.dispatch('completeSetup', {
      kioskName: 'Ward',
      rooms: ['Room 1'],
      admin: { displayName: 'A', pin: '4821' },
    });
    core.db.pragma('query_only = OFF');
    core.close();
    expect(await core.dispatch('listRooms', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(core.storage.alert()).toMatchObject({ kind: 'read-only' });
  });
});
