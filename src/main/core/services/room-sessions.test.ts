import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { openDatabase, type KioskDatabase } from '../db/open-database';
import { getRoom, insertRoom } from '../repositories/rooms-repository';
import { findSessionByUuid } from '../repositories/sessions-repository';
import { listSessionEvents } from '../repositories/session-events-repository';
import { seedStaff } from '../testing/seed-staff';
import { makeTempFolder } from '../testing/temp-folder';
import { roomBoard } from './room-board';
import { RoomSessions } from './room-sessions';

let folder: ReturnType<typeof makeTempFolder>;
let db: KioskDatabase;
let clock: ManualClock;
let cleaningStep: boolean;
let sessions: RoomSessions;
let nurse: number;

beforeEach(async () => {
  folder = makeTempFolder();
  db = openDatabase(`${folder.path}/kiosk.db`);
  clock = new ManualClock(Date.UTC(2026, 10, 29, 9, 30));
  cleaningStep = true;
  sessions = new RoomSessions(db, clock, () => cleaningStep);
  nurse = await seedStaff(db, { staffNumber: '11', pin: '1111' });
});
afterEach(() => {
  db.close();
  folder.cleanup();
});

describe('room sessions', () => {
  it('starts, records events and ends a session; the room then needs cleaning', () => {
    const room = insertRoom(db, { name: 'Room 1' });
    const started = sessions.start({ roomId: room, kind: 'breastfeeding', language: 'es', startedBy: nurse });
    expect(started).toMatchObject({ roomId: room, kind: 'breastfeeding', language: 'es', startedAt: clock.now() });
    clock.advance(60_000);
    sessions.recordEvent(started.id, 'guide-viewed', { guide: 'cradle' });
    clock.advance(20 * 60_000);
    expect(sessions.end(started.id, 'completed', null)).toEqual({
      id: started.id,
      endedAt: clock.now(),
      endReason: 'completed',
    });
    const row = findSessionByUuid(db, started.id)!;
    expect(row).toMatchObject({ endedBy: null, endReason: 'completed' });
    expect(listSessionEvents(db, row.id)).toMatchObject([{ type: 'guide-viewed', detail: { guide: 'cradle' } }]);
    expect(getRoom(db, room)?.needsCleaning).toBe(true);
    expect(() => sessions.start({ roomId: room, kind: 'pumping', language: 'en', startedBy: nurse })).toThrow(
      /needs cleaning/,
    );
  });

  it('refuses a second session in an occupied room but allows several rooms at once', () => {
    const [one, two] = [insertRoom(db, { name: 'Room 1' }), insertRoom(db, { name: 'Room 2' })];
    sessions.start({ roomId: one, kind: 'pumping', language: 'en', startedBy: nurse });
    expect(() => sessions.start({ roomId: one, kind: 'pumping', language: 'en', startedBy: nurse })).toThrow(
      /already has a session/,
    );
    sessions.start({ roomId: two, kind: 'hand-expression', language: 'en', startedBy: nurse });
    expect(roomBoard(db).map((tile) => tile.state)).toEqual(['occupied', 'occupied']);
  });

  it('refuses unknown and inactive rooms, and events or endings for ended sessions', () => {
    expect(() => sessions.start({ roomId: 77, kind: 'pumping', language: 'en', startedBy: nurse })).toThrow(
      /no active room/,
    );
    const room = insertRoom(db, { name: 'Room 1' });
    const started = sessions.start({ roomId: room, kind: 'pumping', language: 'en', startedBy: nurse });
    sessions.end(started.id, 'staff-ended', nurse);
    expect(() => sessions.end(started.id, 'completed', null)).toThrow(/already ended/);
    expect(() => sessions.recordEvent(started.id, 'help-requested')).toThrow(/already ended/);
    expect(() => sessions.recordEvent('00000000-0000-4000-8000-000000000000', 'help-requested')).toThrow(
      /does not exist/,
    );
  });

  it('skips the cleaning step when the setting is off', () => {
    cleaningStep = false;
    const room = insertRoom(db, { name: 'Room 1' });
    const started = sessions.start({ roomId: room, kind: 'pumping', language: 'en', startedBy: nurse });
    sessions.end(started.id, 'completed', null);
    expect(roomBoard(db)[0]?.state).toBe('free');
  });

  it('never records an end before the start, even if the wall clock jumped back', () => {
    const room = insertRoom(db, { name: 'Room 1' });
    const started = sessions.start({ roomId: room, kind: 'pumping', language: 'en', startedBy: nurse });
    clock.jumpWallClock(-3_600_000);
    expect(sessions.end(started.id, 'completed', null).endedAt).toBe(started.startedAt);
  });
});

describe('room board', () => {
  it('shows free, occupied (with the session, no person) and needs-cleaning rooms in order', () => {
    const free = insertRoom(db, { name: 'Quiet room', sortOrder: 1 });
    const busy = insertRoom(db, { name: 'Room 2', sortOrder: 2 });
    const dirty = insertRoom(db, { name: 'Room 3', sortOrder: 3 });
    const started = sessions.start({ roomId: busy, kind: 'pumping', language: 'es', startedBy: nurse });
    db.prepare('UPDATE rooms SET needs_cleaning = 1 WHERE id = ?').run(dirty);
    expect(roomBoard(db)).toEqual([
      { id: free, name: 'Quiet room', state: 'free', session: null },
      {
        id: busy,
        name: 'Room 2',
        state: 'occupied',
        session: { id: started.id, kind: 'pumping', language: 'es', startedAt: started.startedAt },
      },
      { id: dirty, name: 'Room 3', state: 'needs-cleaning', session: null },
    ]);
  });
});
