import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { insertRoom } from '../repositories/rooms-repository';
import { databaseFingerprint } from '../testing/database-fingerprint';
import { seedStaff } from '../testing/seed-staff';
import { makeTempFolder } from '../testing/temp-folder';

/** Half of a surrogate pair, alone: not a character, and SQLite would store it as U+FFFD. */
const LONE_HIGH = '\uD83D';
const LONE_LOW = '\uDE00';

let folder: ReturnType<typeof makeTempFolder>;
let core: KioskCore;
let staffToken: string;

beforeEach(async () => {
  folder = makeTempFolder();
  core = openKioskCore({ dataFolder: folder.path, clock: new ManualClock(Date.UTC(2026, 11, 5, 9)), backups: false });
  await seedStaff(core.db, { staffNumber: '100', pin: '482915', role: 'admin' });
  insertRoom(core.db, { name: 'Room 1' });
  const signedIn = await core.dispatch('signIn', { staffNumber: '100', pin: '482915' });
  staffToken = (signedIn as { value: { staffToken: string } }).value.staffToken;
});
afterEach(() => {
  core.close();
  folder.cleanup();
});

describe('a lone surrogate in any name or text', () => {
  const calls = (name: string): [string, unknown][] => [
    ['addRoom', { staffToken, name }],
    ['renameRoom', { staffToken, roomId: 1, name }],
    ['addStaff', { staffToken, displayName: name, role: 'nurse', pin: '1234' }],
    ['updateStaff', { staffToken, staffId: 1, displayName: name }],
    ['updateSettings', { staffToken, changes: { kioskName: name } }],
    ['updateSettings', { staffToken, changes: { helpText: { en: name, es: 'Pulse el botón.' } } }],
  ];

  it('is refused with a clear validation error, and nothing is stored', async () => {
    const before = databaseFingerprint(core.db);
    for (const name of [`Sala ${LONE_HIGH}`, `${LONE_LOW}Ward`, `Room 😀 ${LONE_HIGH}`]) {
      for (const [method, input] of calls(name)) {
        const answer = await core.dispatch(method, input);
        expect(answer, method).toMatchObject({
          ok: false,
          error: { code: 'invalid-input', message: expect.stringContaining('broken character') },
        });
      }
    }
    expect(databaseFingerprint(core.db)).toEqual(before);
  });

  it('refuses it in first-run setup too, and still takes whole characters such as emoji and accents', async () => {
    const fresh = makeTempFolder();
    const setupCore = openKioskCore({ dataFolder: fresh.path, backups: false });
    try {
      const setup = (kioskName: string) =>
        setupCore.dispatch('completeSetup', {
          kioskName,
          rooms: ['Sala 1'],
          admin: { displayName: 'Ana', pin: '482915' },
        });
      expect(await setup(`Maternidad ${LONE_HIGH}`)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      expect(await setup('Maternidad 😀 ñ')).toMatchObject({ ok: true });
    } finally {
      setupCore.close();
      fresh.cleanup();
    }
    expect(await core.dispatch('addRoom', { staffToken, name: 'Extracción 🍼' })).toMatchObject({
      ok: true,
      value: { name: 'Extracción 🍼' },
    });
  });
});
