import { describe, expect } from 'vitest';
import { ManualClock } from '../clock';
import { databaseFingerprint } from '../testing/database-fingerprint';
import { completeSetup, isSetupRequired } from './kiosk-setup';
import { roomBoard } from './room-board';
import { loadSettings } from './settings-service';
import { StaffAuth } from './staff-auth';
import { dbTest } from '../testing/temp-database';

const clock = new ManualClock(Date.UTC(2026, 0, 1));

describe('first-run setup', () => {
  dbTest('creates the kiosk name, rooms and first admin, who can then sign in', async ({ db }) => {
    expect(isSetupRequired(db)).toBe(true);
    const result = await completeSetup(db, clock, {
      kioskName: 'Maternity 4 West',
      rooms: ['Room 1', 'Room 2'],
      admin: { displayName: 'Ana Ruiz', pin: '482915' },
    });
    expect(result).toEqual({ staffNumber: '100' });
    expect(isSetupRequired(db)).toBe(false);
    expect(loadSettings(db).kioskName).toBe('Maternity 4 West');
    expect(roomBoard(db).map((tile) => tile.name)).toEqual(['Room 1', 'Room 2']);
    const auth = new StaffAuth(db, clock, () => 60_000);
    await expect(auth.signIn('100', '482915')).resolves.toMatchObject({ role: 'admin' });
  });

  dbTest('keeps the kiosk’s language and how parents reach a nurse', async ({ db }) => {
    expect(loadSettings(db)).toMatchObject({ defaultLanguage: 'en', nurseCall: 'call-button', phoneExtension: '' });
    await completeSetup(db, clock, {
      kioskName: 'Maternidad',
      rooms: ['Sala 1'],
      admin: { displayName: 'Ana', pin: '482915' },
      language: 'es',
      nurseCall: 'extension',
      phoneExtension: '4417',
    });
    expect(loadSettings(db)).toMatchObject({ defaultLanguage: 'es', nurseCall: 'extension', phoneExtension: '4417' });
  });

  dbTest('cannot run twice: it is no back door once an admin exists', async ({ db }) => {
    await completeSetup(db, clock, { kioskName: 'Ward', rooms: ['Room 1'], admin: { displayName: 'A', pin: '1234' } });
    const before = databaseFingerprint(db);
    await expect(
      completeSetup(db, clock, { kioskName: 'Evil', rooms: ['X'], admin: { displayName: 'B', pin: '9999' } }),
    ).rejects.toThrow(/already set up/);
    expect(databaseFingerprint(db)).toBe(before);
  });

  dbTest('leaves nothing behind when it fails half-way', async ({ db }) => {
    const before = databaseFingerprint(db);
    await expect(
      completeSetup(db, clock, {
        kioskName: 'Ward',
        rooms: ['Room 1', 'x'.repeat(61)],
        admin: { displayName: 'A', pin: '1234' },
      }),
    ).rejects.toThrow();
    expect(databaseFingerprint(db)).toBe(before);
    expect(isSetupRequired(db)).toBe(true);
  });
});
