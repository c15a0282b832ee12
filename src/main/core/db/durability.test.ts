import { expect } from 'vitest';
import { withoutFsync } from './durability';
import { dbTest } from '../testing/temp-database';

dbTest('writes in one transaction and puts synchronous back to FULL, even when the write fails', ({ db }) => {
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
