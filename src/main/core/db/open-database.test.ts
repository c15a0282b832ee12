import { expect } from 'vitest';
import { folderTest as it } from '../testing/temp-database';
import { openDatabase } from './open-database';

it('opens with WAL, synchronous=FULL, foreign keys, a busy timeout and a 32 MiB cache, creating the folder', ({
  folder,
}) => {
  const db = openDatabase(`${folder.path}/nested/data/kiosk.db`);
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(db.pragma('synchronous', { simple: true })).toBe(2);
  expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  expect(db.pragma('cache_size', { simple: true })).toBe(-32768);
  db.close();
});
