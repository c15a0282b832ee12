import { afterEach, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { openDatabase, type KioskDatabase } from '../db/open-database';
import { insertRoom } from '../repositories/rooms-repository';
import { seedStaff } from '../testing/seed-staff';
import { makeTempFolder } from '../testing/temp-folder';
import { homeRoomStates } from './room-board';
import { RoomAdmin } from './room-admin';
import { RoomSessions } from './room-sessions';

let folder: ReturnType<typeof makeTempFolder>;
let db: KioskDatabase;
let clock: ManualClock;
let nurse: number;

beforeEach(async () => {
  folder = makeTempFolder();
  db = openDatabase(`${folder.path}/kiosk.db`);
  clock = new ManualClock(Date.UTC(2026, 10, 29, 9, 30));
  nurse = await seedStaff(db, { staffNumber: '11', pin: '1111' });
});
afterEach(() => {
  db.close();
  folder.cleanup();
});

it('tells when each room’s state began: the session’s start, its end, then the cleaning; unknown for a room never used', () => {
  const sessions = new RoomSessions(db, clock, () => true);
  const admin = new RoomAdmin(db, clock);
  const used = insertRoom(db, { name: 'Room 1' });
  insertRoom(db, { name: 'Room 2' });
  const earlier = sessions.start({ roomId: used, kind: 'pumping', language: 'en', startedBy: nurse });
  clock.advance(30 * 60_000);
  sessions.end(earlier.id, 'completed', nurse);
  clock.advance(60_000);
  admin.markCleaned(used, nurse);
  clock.advance(60 * 60_000);

  const startedAt = clock.now();
  const open = sessions.start({ roomId: used, kind: 'pumping', language: 'en', startedBy: nurse });
  expect(homeRoomStates(db)).toEqual([
    { id: used, name: 'Room 1', state: 'occupied', since: startedAt },
    { id: used + 1, name: 'Room 2', state: 'free', since: null },
  ]);
  clock.advance(20 * 60_000);
  const endedAt = clock.now();
  sessions.end(open.id, 'completed', nurse);
  expect(homeRoomStates(db)[0]).toMatchObject({ state: 'needs-cleaning', since: endedAt });
  clock.advance(5 * 60_000);
  admin.markCleaned(used, nurse);
  expect(homeRoomStates(db)[0]).toMatchObject({ state: 'free', since: clock.now() });
});
