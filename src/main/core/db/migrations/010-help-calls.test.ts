import { expect } from 'vitest';
import { emptyDbTest } from '../../testing/temp-database';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';
import { helpCalls } from './010-help-calls';

const BEFORE = MIGRATIONS.filter((migration) => migration.version < helpCalls.version);

emptyDbTest('upgrades a version-9 database; a call is queued for the centre only once joined', ({ db }) => {
  migrate(db, BEFORE);
  db.exec(`INSERT INTO rooms (id, name, sort_order) VALUES (1, 'Room A', 0)`);
  expect(migrate(db, [...BEFORE, helpCalls])).toEqual({ from: 9, to: 10 });
  const queued = () => db.prepare('SELECT help_call_id FROM fleet_help_call_outbox ORDER BY id').pluck().all();
  const call = () =>
    Number(
      db.prepare(`INSERT INTO help_calls (room_id, room_name, raised_at, screen) VALUES (1, 'Room A', 5, 'help')`).run()
        .lastInsertRowid,
    );

  call();
  expect(queued()).toEqual([]);
  db.exec(`INSERT INTO fleet_link (id, kiosk_id, kiosk_name, server, joined_at) VALUES (1, 'k', '4 West', 's', 0)`);
  const second = call();
  expect(queued()).toEqual([second]);
});

emptyDbTest('refuses a call without a room name, and an answer without who gave it', ({ db }) => {
  migrate(db, [...BEFORE, helpCalls]);
  db.exec(`INSERT INTO rooms (id, name, sort_order) VALUES (1, 'Room A', 0)`);
  expect(() =>
    db.exec(`INSERT INTO help_calls (room_id, room_name, raised_at, screen) VALUES (1, '', 5, 'help')`),
  ).toThrow(/CHECK/);
  expect(() =>
    db.exec(`INSERT INTO help_calls (room_id, room_name, raised_at, screen) VALUES (9, 'Gone', 5, 'help')`),
  ).toThrow(/FOREIGN KEY/);
  expect(() =>
    db.exec(`INSERT INTO help_calls (room_id, room_name, raised_at, screen, acknowledged_at)
             VALUES (1, 'Room A', 5, 'help', 6)`),
  ).toThrow(/CHECK/);
  expect(db.prepare('SELECT count(*) FROM help_calls').pluck().get()).toBe(0);
});
