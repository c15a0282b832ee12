import type { KioskDatabase } from '../db/open-database';
import { describe, expect } from 'vitest';
import { insertAuditEntry, listAuditEntries } from './audit-log-repository';
import { insertRoomCleaning, listRoomCleanings } from './room-cleanings-repository';
import { getRoom, insertRoom, listActiveRooms, setRoomNeedsCleaning } from './rooms-repository';
import { insertSessionEvent, listSessionEvents } from './session-events-repository';
import { findSessionByUuid, insertSession, listOpenSessions, markSessionEnded } from './sessions-repository';
import { readAllSettings, readSetting, writeSetting } from './settings-repository';
import {
  clearFailedSignIns,
  countActiveAdmins,
  findStaffByNumber,
  getStaff,
  insertStaff,
  recordFailedSignIn,
} from './staff-repository';
import { getTimer, insertTimer, listActiveTimers, listTimersForSession, updateTimer } from './timers-repository';
import { dbTest } from '../testing/temp-database';
import { runningWarmCompress } from '../testing/timer-rows';

const UUID_A = '00000000-0000-4000-8000-00000000000a';
const UUID_B = '00000000-0000-4000-8000-00000000000b';

function addStaff(db: KioskDatabase, staffNumber = '101', role: 'nurse' | 'admin' = 'nurse'): number {
  return insertStaff(db, {
    staffNumber,
    displayName: `Staff ${staffNumber}`,
    role,
    pinHash: Buffer.from('hash'),
    pinSalt: Buffer.from('salt'),
    createdAt: 5,
  });
}

function addSession(db: KioskDatabase, roomId: number, staffId: number, uuid = UUID_A): number {
  return insertSession(db, { uuid, roomId, kind: 'pumping', language: 'es', startedAt: 1_000, startedBy: staffId });
}

describe('rooms repository', () => {
  dbTest('lists active rooms in sort order and keeps the cleaning flag', ({ db }) => {
    const second = insertRoom(db, { name: 'Room B', sortOrder: 2 });
    const first = insertRoom(db, { name: 'Room A', sortOrder: 1 });
    const hidden = insertRoom(db, { name: 'Old room' });
    db.prepare('UPDATE rooms SET active = 0 WHERE id = ?').run(hidden);
    expect(listActiveRooms(db).map((room) => room.id)).toEqual([first, second]);
    setRoomNeedsCleaning(db, first, true);
    expect(getRoom(db, first)).toMatchObject({ name: 'Room A', needsCleaning: true, active: true });
    expect(getRoom(db, 999)).toBeUndefined();
  });

  dbTest('appends new rooms after the last one when no order is given', ({ db }) => {
    insertRoom(db, { name: 'One', sortOrder: 7 });
    const next = insertRoom(db, { name: 'Two' });
    expect(getRoom(db, next)?.sortOrder).toBe(8);
  });
});

describe('staff repository', () => {
  dbTest('finds staff by number and tracks failed sign-ins', ({ db }) => {
    const id = addStaff(db, '42', 'admin');
    expect(findStaffByNumber(db, '42')).toMatchObject({ id, role: 'admin', failedAttempts: 0, disabled: false });
    recordFailedSignIn(db, id, { failedAttempts: 0, lockoutCount: 2, lockedUntil: 9_000 });
    expect(getStaff(db, id)).toMatchObject({ lockoutCount: 2, lockedUntil: 9_000 });
    clearFailedSignIns(db, id);
    expect(getStaff(db, id)).toMatchObject({ failedAttempts: 0, lockoutCount: 0, lockedUntil: null });
    expect(findStaffByNumber(db, '43')).toBeUndefined();
  });

  dbTest('refuses a duplicate staff number and counts only active admins', ({ db }) => {
    addStaff(db, '1', 'admin');
    expect(() => addStaff(db, '1')).toThrow(/UNIQUE/);
    const other = addStaff(db, '2', 'admin');
    db.prepare('UPDATE staff SET disabled = 1 WHERE id = ?').run(other);
    expect(countActiveAdmins(db)).toBe(1);
  });
});

describe('sessions repository', () => {
  dbTest('keeps one open session per room and ends a session only once', ({ db }) => {
    const room = insertRoom(db, { name: 'Room 1' });
    const staff = addStaff(db);
    const id = addSession(db, room, staff);
    expect(() => addSession(db, room, staff, UUID_B)).toThrow(/UNIQUE/);
    expect(listOpenSessions(db).map((session) => session.uuid)).toEqual([UUID_A]);
    expect(markSessionEnded(db, id, { endedAt: 2_000, endedBy: null, endReason: 'completed' })).toBe(true);
    expect(markSessionEnded(db, id, { endedAt: 3_000, endedBy: staff, endReason: 'staff-ended' })).toBe(false);
    expect(findSessionByUuid(db, UUID_A)).toMatchObject({ endedAt: 2_000, endReason: 'completed', language: 'es' });
    expect(listOpenSessions(db)).toEqual([]);
  });
});

describe('session events repository', () => {
  dbTest('stores events with their JSON detail in time order', ({ db }) => {
    const session = addSession(db, insertRoom(db, { name: 'Room 1' }), addStaff(db));
    insertSessionEvent(db, { sessionId: session, at: 20, type: 'guide-viewed', detail: { guide: 'cradle' } });
    insertSessionEvent(db, { sessionId: session, at: 10, type: 'help-requested' });
    expect(listSessionEvents(db, session)).toMatchObject([
      { at: 10, type: 'help-requested', detail: null },
      { at: 20, type: 'guide-viewed', detail: { guide: 'cradle' } },
    ]);
  });
});

describe('timers repository', () => {
  const countdown = (sessionId: number) => runningWarmCompress(sessionId, 1_000);

  dbTest('stores a running timer and its later state, with its session', ({ db }) => {
    const session = addSession(db, insertRoom(db, { name: 'Room 1' }), addStaff(db));
    const id = insertTimer(db, countdown(session));
    const { id: _id, sessionId: _s, preset: _p, kind: _k, startedAt: _t, ...change } = { id, ...countdown(session) };
    updateTimer(db, id, { ...change, endsAt: null, pausedAt: 61_000, remainingMs: 240_000, state: 'paused' });
    expect(listTimersForSession(db, session)).toMatchObject([{ id, state: 'paused', remainingMs: 240_000 }]);
    expect(getTimer(db, id)).toMatchObject({ id, sessionUuid: UUID_A, sessionEndedAt: null, kind: 'warm-compress' });
    expect(listActiveTimers(db).map((timer) => timer.id)).toEqual([id]);
    expect(() => updateTimer(db, id, { ...change, remainingMs: -1, state: 'paused' })).toThrow(/CHECK/);
    updateTimer(db, id, { ...change, remainingMs: 0, state: 'finished', endedAt: 301_000 });
    expect(listActiveTimers(db)).toEqual([]);
  });

  dbTest('keeps the left/right totals', ({ db }) => {
    const session = addSession(db, insertRoom(db, { name: 'Room 1' }), addStaff(db));
    const id = insertTimer(db, {
      ...countdown(session),
      preset: 'left-right',
      kind: 'left-right',
      durationMs: null,
      endsAt: null,
      side: 'right',
      leftMs: 90_000,
      rightMs: 30_000,
      sideStartedAt: 200_000,
    });
    expect(getTimer(db, id)).toMatchObject({ side: 'right', leftMs: 90_000, rightMs: 30_000, sideStartedAt: 200_000 });
    expect(() => insertTimer(db, { ...countdown(session), side: 'left' })).toThrow(/CHECK/);
  });
});

describe('audit log repository', () => {
  dbTest('lists newest entries first with their detail', ({ db }) => {
    const staff = addStaff(db);
    insertAuditEntry(db, { at: 1, staffId: null, action: 'login-failed', detail: { staffNumber: '9' } });
    insertAuditEntry(db, { at: 2, staffId: staff, action: 'lockout' });
    expect(listAuditEntries(db)).toMatchObject([
      { at: 2, action: 'lockout', staffId: staff, detail: null },
      { at: 1, action: 'login-failed', staffId: null, detail: { staffNumber: '9' } },
    ]);
  });
});

describe('room cleanings repository', () => {
  dbTest('records who cleaned which room and when', ({ db }) => {
    const room = insertRoom(db, { name: 'Room 1' });
    const staff = addStaff(db);
    insertRoomCleaning(db, { roomId: room, cleanedAt: 50, cleanedBy: staff });
    expect(listRoomCleanings(db, room)).toEqual([{ id: 1, roomId: room, cleanedAt: 50, cleanedBy: staff }]);
    expect(() => insertRoomCleaning(db, { roomId: 99, cleanedAt: 1, cleanedBy: staff })).toThrow(/FOREIGN KEY/);
  });
});

describe('settings repository', () => {
  dbTest('round-trips JSON values and overwrites by key', ({ db }) => {
    writeSetting(db, 'kioskName', 'Maternity 3');
    writeSetting(db, 'kioskName', 'Maternity 4');
    writeSetting(db, 'languages', ['es']);
    expect(readSetting(db, 'kioskName')).toBe('Maternity 4');
    expect(readSetting(db, 'missing')).toBeUndefined();
    expect(readAllSettings(db)).toEqual(
      new Map<string, unknown>([
        ['kioskName', 'Maternity 4'],
        ['languages', ['es']],
      ]),
    );
  });
});
