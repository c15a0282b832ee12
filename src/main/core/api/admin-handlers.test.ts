import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { listAuditEntries } from '../repositories/audit-log-repository';
import { databaseFingerprint } from '../testing/database-fingerprint';
import { makeTempFolder } from '../testing/temp-folder';
import { callCore, setUpWard, signInToken } from '../testing/core-calls';

let folder: ReturnType<typeof makeTempFolder>;
let core: KioskCore;
let clock: ManualClock;

const call = <T>(method: string, input?: unknown) => callCore<T>(core, method, input);
const signIn = (staffNumber: string, pin: string) => signInToken(core, staffNumber, pin);

beforeEach(async () => {
  folder = makeTempFolder();
  clock = new ManualClock(Date.UTC(2026, 3, 1, 9));
  core = openKioskCore({ dataFolder: folder.path, clock, logger: { error: () => undefined } });
  await setUpWard(core, 'Ward 2');
});
afterEach(() => {
  core.close();
  folder.cleanup();
});

describe('admin handlers', () => {
  it('lets an admin manage staff, rooms and settings', async () => {
    const admin = await signIn('100', '1234');
    const nurse = await call<{ id: number; staffNumber: string }>('addStaff', {
      staffToken: admin,
      displayName: 'Bea',
      role: 'nurse',
      pin: '5678',
    });
    expect(nurse.staffNumber).toBe('101');
    await call('addRoom', { staffToken: admin, name: 'Room 2' });
    const settings = await call<{ kioskName: string; phoneExtension: string }>('updateSettings', {
      staffToken: admin,
      changes: { kioskName: 'Ward 2 East', phoneExtension: '4411' },
    });
    expect(settings).toMatchObject({ kioskName: 'Ward 2 East', phoneExtension: '4411' });
    expect(await call('getKioskStatus')).toMatchObject({
      kioskName: 'Ward 2 East',
      phoneExtension: '4411',
      setupRequired: false,
    });
    expect(listAuditEntries(core.db)[0]).toMatchObject({
      action: 'settings-changed',
      detail: { keys: 'kioskName,phoneExtension' },
    });
  });

  it('refuses admin methods to a nurse, and changes nothing', async () => {
    const admin = await signIn('100', '1234');
    await call('addStaff', { staffToken: admin, displayName: 'Bea', role: 'nurse', pin: '5678' });
    const nurse = await signIn('101', '5678');
    const before = databaseFingerprint(core.db);
    const attempts: [string, Record<string, unknown>][] = [
      ['listStaff', {}],
      ['addStaff', { displayName: 'Eve', role: 'admin', pin: '0000' }],
      ['updateStaff', { staffId: 1, disabled: true }],
      ['resetStaffPin', { staffId: 1, pin: '0000' }],
      ['listAllRooms', {}],
      ['addRoom', { name: 'Closet' }],
      ['renameRoom', { roomId: 1, name: 'Closet' }],
      ['reorderRooms', { order: [1] }],
      ['setRoomActive', { roomId: 1, active: false }],
      ['getSettings', {}],
      ['updateSettings', { changes: { kioskName: 'Hacked' } }],
    ];
    for (const [method, input] of attempts) {
      expect(await core.dispatch(method, { staffToken: nurse, ...input }), method).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(databaseFingerprint(core.db)).toBe(before);
  });

  it('refuses a default language that is not offered', async () => {
    const admin = await signIn('100', '1234');
    const result = await core.dispatch('updateSettings', { staffToken: admin, changes: { languages: ['es'] } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    await call('updateSettings', { staffToken: admin, changes: { languages: ['es'], defaultLanguage: 'es' } });
  });

  it('refuses to tell parents to call the nurses’ station without its extension', async () => {
    const admin = await signIn('100', '1234');
    const before = databaseFingerprint(core.db);
    const refused = await core.dispatch('updateSettings', { staffToken: admin, changes: { nurseCall: 'extension' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(databaseFingerprint(core.db)).toBe(before);
    await call('updateSettings', { staffToken: admin, changes: { nurseCall: 'extension', phoneExtension: '4417' } });
    const cleared = await core.dispatch('updateSettings', { staffToken: admin, changes: { phoneExtension: '' } });
    expect(cleared).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await call('getKioskStatus')).toMatchObject({ nurseCall: 'extension', phoneExtension: '4417' });
  });

  it('refuses a second setup', async () => {
    const result = await core.dispatch('completeSetup', {
      kioskName: 'Other',
      rooms: ['X'],
      admin: { displayName: 'Mallory', pin: '0000' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('keeps a sign-in alive while staff are busy on a staff screen', async () => {
    const admin = await signIn('100', '1234');
    for (let minute = 0; minute < 5; minute++) {
      clock.advance(100_000);
      expect(await call('keepSignedIn', { staffToken: admin })).toEqual({ expiresAt: clock.now() + 120_000 });
    }
    expect(await call('listStaff', { staffToken: admin })).toHaveLength(1);
    clock.advance(121_000);
    expect(await core.dispatch('keepSignedIn', { staffToken: admin })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
  });

  it('signs staff out after the configured inactivity', async () => {
    const admin = await signIn('100', '1234');
    clock.advance(121_000);
    expect(await core.dispatch('listStaff', { staffToken: admin })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
  });
});
