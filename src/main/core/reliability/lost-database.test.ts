import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { databasePath } from '../data-folder';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { insertRoom } from '../repositories/rooms-repository';
import { makeTempFolder } from '../testing/temp-folder';
import { seedStaff } from '../testing/seed-staff';
import { FOLDER_MARKER } from './folder-marker';
import { listBackups } from './backups';

const T0 = Date.UTC(2026, 2, 1, 6);
const quiet = { error: () => undefined };

let folder: ReturnType<typeof makeTempFolder>;
let clock: ManualClock;
const open = (options: { backups?: boolean } = {}): KioskCore =>
  openKioskCore({ dataFolder: folder.path, clock, logger: quiet, ...options });

beforeEach(() => {
  folder = makeTempFolder('kiosk-lost-');
  clock = new ManualClock(T0);
});
afterEach(() => folder.cleanup());

async function setUpKiosk(core: KioskCore): Promise<string> {
  const result = await core.dispatch('completeSetup', {
    kioskName: 'Lactation room',
    rooms: ['Room 1', 'Room 2'],
    admin: { displayName: 'Admin', pin: '135790' },
  });
  expect(result.ok).toBe(true);
  return (result as { value: { staffNumber: string } }).value.staffNumber;
}

const signIn = async (core: KioskCore, staffNumber: string, pin: string) =>
  ((await core.dispatch('signIn', { staffNumber, pin })) as { value: { staffToken: string } }).value.staffToken;

describe('a database deleted or replaced while the kiosk runs', () => {
  it.each([
    ['the data folder deleted', () => rmSync(folder.path, { recursive: true, force: true })],
    [
      'kiosk.db replaced by another file',
      () => {
        renameSync(databasePath(folder.path), join(folder.path, 'old.db'));
        writeFileSync(databasePath(folder.path), 'not the kiosk');
      },
    ],
  ])('%s: raises the storage alert and refuses every later write', async (_label, lose) => {
    const core = open();
    const staffNumber = await setUpKiosk(core);
    const token = await signIn(core, staffNumber, '135790');
    lose();

    const refused = await core.dispatch('addRoom', { staffToken: token, name: 'Room 3' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'storage-unavailable' } });
    const status = await core.dispatch('getKioskStatus', {});
    expect(status).toMatchObject({ ok: true, value: { storageAlert: { kind: 'write-failed' } } });
    expect(core.storage.alert()?.detail).toMatch(/deleted|replaced/);
    // Reads still answer from what was open; writes stay refused.
    expect(await core.dispatch('listRooms', {})).toMatchObject({ ok: true });
    expect(await core.dispatch('addRoom', { staffToken: token, name: 'Room 4' })).toMatchObject({ ok: false });
    expect(core.db.prepare('SELECT count(*) FROM rooms').pluck().get()).toBe(2);
    core.close();
  });

  it('the minute check notices it without any call', async () => {
    const core = open();
    await setUpKiosk(core);
    expect(core.storage.checkFile()).toBe(true);
    rmSync(databasePath(folder.path));
    expect(core.storage.checkFile()).toBe(false);
    expect(core.storage.alert()?.kind).toBe('write-failed');
    core.close();
  });
});

describe('a missing database at start', () => {
  it('restores the newest backup and alerts, instead of offering first-run setup', async () => {
    const core = open();
    const staffNumber = await setUpKiosk(core);
    core.close();
    expect(listBackups(folder.path)).toHaveLength(1);
    rmSync(databasePath(folder.path));
    clock.advance(60_000);

    const restarted = open();
    expect(restarted.storage.recovery?.restoredFrom).not.toBeNull();
    const status = await restarted.dispatch('getKioskStatus', {});
    expect(status).toMatchObject({
      ok: true,
      value: { setupRequired: false, storageAlert: { kind: 'recovered-from-backup' } },
    });
    expect(await signIn(restarted, staffNumber, '135790')).toMatch(/./);
    restarted.close();
  });

  it('with no backup but the folder marker: starts empty with setup locked; the staff command path still adds an admin', async () => {
    const core = open({ backups: false });
    await setUpKiosk(core);
    core.close();
    rmSync(databasePath(folder.path), { force: true });
    rmSync(join(folder.path, 'backups'), { recursive: true, force: true });

    const restarted = open({ backups: false });
    const status = await restarted.dispatch('getKioskStatus', {});
    expect(status).toMatchObject({
      ok: true,
      value: { setupRequired: false, storageAlert: { kind: 'started-empty' } },
    });
    const takeover = await restarted.dispatch('completeSetup', {
      kioskName: 'Mine now',
      rooms: ['Room 1'],
      admin: { displayName: 'Visitor', pin: '111111' },
    });
    expect(takeover).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // What the staff command does: adds an admin straight through core.
    await seedStaff(restarted.db, { staffNumber: '9001', pin: '246813', role: 'admin' });
    expect(await signIn(restarted, '9001', '246813')).toMatch(/./);
    restarted.close();
  });

  it('a folder that never held a kiosk still offers first-run setup', async () => {
    const core = open();
    expect(await core.dispatch('getKioskStatus', {})).toMatchObject({ ok: true, value: { setupRequired: true } });
    insertRoom(core.db, { name: 'Not set up yet' });
    core.close();
    const again = open();
    expect(again.storage.recovery).toBeNull();
    expect(await again.dispatch('getKioskStatus', {})).toMatchObject({ ok: true, value: { setupRequired: true } });
    again.close();
  });

  it('writes the folder marker at first-run setup, and for a kiosk set up before the marker existed', async () => {
    const core = open({ backups: false });
    await setUpKiosk(core);
    const marker = join(folder.path, FOLDER_MARKER);
    expect(readIfExists(marker)).toContain('heldKioskSince');
    core.close();
    rmSync(marker);
    open({ backups: false }).close();
    expect(readIfExists(marker)).toContain('heldKioskSince');
  });
});

function readIfExists(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}
