/** Shared steps of the nurse, admin and first-run specs: the keypad, tiles and seeds. */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { databasePath } from '../src/main/core/data-folder';
import type { KioskDatabase } from '../src/main/core/db/open-database';
import { insertRoom, setRoomNeedsCleaning } from '../src/main/core/repositories/rooms-repository';
import { insertSession } from '../src/main/core/repositories/sessions-repository';
import { seedStaff } from '../src/main/core/testing/seed-staff';
import { expect, type Kiosk } from './fixtures';

export const ADMIN = { staffNumber: '100', pin: '9876', displayName: 'Alex Admin' } as const;
export const NURSE = { staffNumber: '42', pin: '2468', displayName: 'Nico Nurse' } as const;

/** An admin and a nurse, and rooms by name; options put a session or a cleaning flag on a room. */
export async function seedKiosk(
  db: KioskDatabase,
  rooms: string[],
  options: { occupied?: { room: string; startedAt: number }; needsCleaning?: string } = {},
): Promise<void> {
  await seedStaff(db, { ...ADMIN, role: 'admin' });
  const nurseId = await seedStaff(db, { ...NURSE, role: 'nurse' });
  const ids = new Map(rooms.map((name, index) => [name, insertRoom(db, { name, sortOrder: index + 1 })]));
  if (options.occupied) {
    insertSession(db, {
      uuid: randomUUID(),
      roomId: ids.get(options.occupied.room)!,
      kind: 'pumping',
      language: 'en',
      startedAt: options.occupied.startedAt,
      startedBy: nurseId,
    });
  }
  if (options.needsCleaning) setRoomNeedsCleaning(db, ids.get(options.needsCleaning)!, true);
}

/** A room's tile on the board: its accessible name starts with the room's name. */
export const tile = (page: Page, room: string) =>
  page.getByRole('main').getByRole('button', { name: new RegExp(`^${room}\\b`) });

/** Presses the on-screen keys, one digit at a time, as a finger would. */
export async function pressKeys(page: Page, digits: string, keysLabel = 'Number keys'): Promise<void> {
  const keys = page.getByRole('group', { name: keysLabel });
  for (const digit of digits) await keys.getByRole('button', { name: digit, exact: true }).click();
}

export interface KeypadWords {
  keys: string;
  next: string;
  signIn: string;
}

export const KEYPAD_EN: KeypadWords = { keys: 'Number keys', next: 'Next', signIn: 'Sign in' };
export const KEYPAD_ES: KeypadWords = { keys: 'Teclas numéricas', next: 'Siguiente', signIn: 'Entrar' };

/** Staff number, Next, PIN, Sign in, on the keypad screen that is showing. */
export async function signIn(page: Page, staffNumber: string, pin: string, words = KEYPAD_EN): Promise<void> {
  await pressKeys(page, staffNumber, words.keys);
  await page.getByRole('button', { name: words.next, exact: true }).click();
  await pressKeys(page, pin, words.keys);
  await page.getByRole('button', { name: words.signIn, exact: true }).click();
}

/** Reads the kiosk's database: the bridge's own connection, or (Electron) a read-only one on the same file. */
export function readDatabase<T>(kiosk: Kiosk, read: (db: Database.Database) => T): T {
  if (kiosk.bridge) return read(kiosk.bridge.core.db);
  const db = new Database(databasePath(kiosk.dataFolder), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export async function expectScreen(page: Page, heading: string | RegExp): Promise<void> {
  await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: heading })).toBeFocused();
}
