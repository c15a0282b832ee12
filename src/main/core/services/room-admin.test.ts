import { describe, expect } from 'vitest';
import { ManualClock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { listAuditEntries } from '../repositories/audit-log-repository';
import { listRoomCleanings } from '../repositories/room-cleanings-repository';
import { seedStaff } from '../testing/seed-staff';
import { dbTest as it } from '../testing/temp-database';
import { roomBoard } from './room-board';
import { RoomAdmin } from './room-admin';
import { RoomSessions } from './room-sessions';

let db: KioskDatabase;
let clock: ManualClock;
let rooms: RoomAdmin;
let sessions: RoomSessions;
let adminId: number;

it.beforeEach(async ({ db: fixtureDb }) => {
  db = fixtureDb;
  clock = new ManualClock(Date.UTC(2026, 5, 1, 10));
  rooms = new RoomAdmin(db, clock);
  sessions = new RoomSessions(db, clock, () => true);
  adminId = await seedStaff(db, { staffNumber: '1', pin: '1234', role: 'admin' });
});

describe('room admin', () => {
  it('adds, renames and reorders rooms; the board follows the order', () => {
    const a = rooms.add('Room A', adminId);
    const b = rooms.add('Room B', adminId);
    rooms.rename(a.id, 'Quiet room', adminId);
    rooms.reorder([b.id, a.id], adminId);
    expect(roomBoard(db).map((tile) => tile.name)).toEqual(['Room B', 'Quiet room']);
    expect(() => rooms.reorder([b.id], adminId)).toThrow(/every room exactly once/);
    expect(() => rooms.reorder([b.id, b.id], adminId)).toThrow(/every room exactly once/);
    expect(listAuditEntries(db).every((entry) => entry.action === 'rooms-changed' && entry.staffId === adminId)).toBe(
      true,
    );
  });

  it('will not take a room with an open session out of use', () => {
    const room = rooms.add('Room 1', adminId);
    const session = sessions.start({ roomId: room.id, kind: 'pumping', language: 'en', startedBy: adminId });
    expect(() => rooms.setActive(room.id, false, adminId)).toThrow(/has a session open/);
    sessions.end(session.id, 'staff-ended', adminId);
    expect(rooms.setActive(room.id, false, adminId)).toMatchObject({ active: false });
    expect(roomBoard(db)).toEqual([]);
  });

  it('logs who cleaned the room and when, and frees it for the next session', () => {
    const room = rooms.add('Room 1', adminId);
    const session = sessions.start({ roomId: room.id, kind: 'pumping', language: 'en', startedBy: adminId });
    expect(() => rooms.markCleaned(room.id, adminId)).toThrow(/not waiting for cleaning/);
    sessions.end(session.id, 'completed', null);
    expect(roomBoard(db)[0]?.state).toBe('needs-cleaning');
    clock.advance(5 * 60_000);
    rooms.markCleaned(room.id, adminId);
    expect(listRoomCleanings(db, room.id)).toEqual([
      { id: 1, roomId: room.id, cleanedAt: clock.now(), cleanedBy: adminId },
    ]);
    expect(roomBoard(db)[0]?.state).toBe('free');
    expect(listAuditEntries(db)[0]).toMatchObject({ action: 'room-cleaned', staffId: adminId });
  });
});
