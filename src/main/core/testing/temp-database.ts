/**
 * Vitest fixtures for tests on real SQLite files: each test gets a fresh temporary folder, a database or a whole
 * core opened in it, and both are closed and removed after the test, whatever it did.
 *
 *   dbTest('…', ({ db }) => { … })            a migrated kiosk.db, no services
 *   emptyDbTest('…', ({ db }) => { … })       an empty kiosk.db (version 0, foreign keys on), for the migration tests
 *   coreTest('…', ({ core, clock }) => { … })  the whole core on a ManualClock (tests that must move time)
 */
import Database from 'better-sqlite3';
import { test, type TestAPI } from 'vitest';
import { ManualClock } from '../clock';
import { openDatabase, type KioskDatabase } from '../db/open-database';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { makeTempFolder } from './temp-folder';

export type TempFolder = ReturnType<typeof makeTempFolder>;

/** Where a fixture core's clock starts unless a test file says otherwise with `coreTest.scoped({ startAt })`. */
export const FIXTURE_START = Date.UTC(2026, 3, 1, 9);

export const folderTest: TestAPI<{ folder: TempFolder }> = test.extend<{ folder: TempFolder }>({
  // eslint-disable-next-line no-empty-pattern -- vitest requires the object pattern as the first parameter.
  folder: async ({}, use) => {
    const folder = makeTempFolder();
    await use(folder);
    folder.cleanup();
  },
});

export const dbTest: TestAPI<{ folder: TempFolder; db: KioskDatabase }> = folderTest.extend<{ db: KioskDatabase }>({
  db: async ({ folder }, use) => {
    const db = openDatabase(`${folder.path}/kiosk.db`);
    await use(db);
    db.close();
  },
});

export const emptyDbTest: TestAPI<{ folder: TempFolder; db: Database.Database }> = folderTest.extend<{
  db: Database.Database;
}>({
  db: async ({ folder }, use) => {
    const db = new Database(`${folder.path}/kiosk.db`);
    db.pragma('foreign_keys = ON');
    await use(db);
    db.close();
  },
});

type CoreFixtures = { folder: TempFolder; startAt: number; clock: ManualClock; core: KioskCore };

export const coreTest: TestAPI<CoreFixtures> = folderTest.extend<Omit<CoreFixtures, 'folder'>>({
  // eslint-disable-next-line no-empty-pattern -- vitest requires the object pattern as the first parameter.
  startAt: async ({}, use) => use(FIXTURE_START),
  clock: async ({ startAt }, use) => use(new ManualClock(startAt)),
  core: async ({ folder, clock }, use) => {
    const core = openKioskCore({ dataFolder: folder.path, clock, backups: false, logger: { error: () => undefined } });
    await use(core);
    core.close();
  },
});
