import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeTempFolder } from '../testing/temp-folder';
import { withoutFsync } from './durability';
import { openDatabase, type KioskDatabase } from './open-database';

let folder: ReturnType<typeof makeTempFolder>;
let db: KioskDatabase;
beforeEach(() => {
  folder = makeTempFolder();
  db = openDatabase(`${folder.path}/kiosk.db`);
});
afterEach(() => {
  db.close();
  folder.cleanup();
});

it('writes in one transaction and puts synchronous back to FULL, even when the write fails', () => {
  withoutFsync(db, () => db.prepare("INSERT INTO rooms (name) VALUES ('Room 1')").run());
  expect(db.pragma('synchronous', { simple: true })).toBe(2);
  expect(() =>
    withoutFsync(db, () => {
      db.prepare("INSERT INTO rooms (name) VALUES ('Room 2')").run();
      throw new Error('boom');
    }),
  ).toThrow('boom');
  expect(db.pragma('synchronous', { simple: true })).toBe(2);
  expect(db.prepare('SELECT name FROM rooms').pluck().all()).toEqual(['Room 1']);
});
