import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { openDatabase, type KioskDatabase } from '../db/open-database';
import { listAuditEntries } from '../repositories/audit-log-repository';
import { insertTimer } from '../repositories/timers-repository';
import { saveSettings } from '../services/settings-service';
import { databaseFingerprint } from '../testing/database-fingerprint';
import { makeTempFolder } from '../testing/temp-folder';
import { addRoom, addSession, addStaffMember } from '../testing/report-fixture';
import { runningWarmCompress } from '../testing/timer-rows';
import { monthsBefore, purgeEndedSessions, purgeIfDue } from './retention';

const DAY = 86_400_000;
let folder: ReturnType<typeof makeTempFolder>;
let db: KioskDatabase;
let clock: ManualClock;

beforeEach(() => {
  folder = makeTempFolder();
  db = openDatabase(`${folder.path}/kiosk.db`);
  clock = new ManualClock(Date.parse('2026-07-15T12:00:00Z'));
});
afterEach(() => {
  db.close();
  folder.cleanup();
});

const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

/** Sessions that ended 14, 13, 12 and 1 months ago (events and a timer each), and one still open since last year. */
function history() {
  const nurse = addStaffMember(db, '101');
  const rooms = [addRoom(db, 'Room 1'), addRoom(db, 'Room 2')];
  const sessions = ['2025-05-10', '2025-06-10', '2025-07-20', '2026-06-10'].map((day) =>
    addSession(db, {
      roomId: rooms[0]!,
      startedBy: nurse,
      start: `${day}T10:00:00Z`,
      end: `${day}T10:30:00Z`,
      events: [
        { at: `${day}T10:01:00Z`, type: 'guide-viewed', detail: { guide: 'cradle' } },
        { at: `${day}T10:02:00Z`, type: 'help-requested' },
      ],
    }),
  );
  addSession(db, { roomId: rooms[1]!, startedBy: nurse, start: '2025-01-01T10:00:00Z' });
  for (const session of sessions) {
    insertTimer(db, {
      ...runningWarmCompress(session.id, 1),
      endsAt: null,
      remainingMs: 0,
      state: 'finished',
      endedAt: 2,
    });
  }
}

describe('retention', () => {
  it('subtracts calendar months, clamping the day', () => {
    expect(new Date(monthsBefore(Date.parse('2026-03-31T08:00:00Z'), 1)).toISOString()).toBe(
      '2026-02-28T08:00:00.000Z',
    );
    expect(new Date(monthsBefore(Date.parse('2026-07-15T12:00:00Z'), 12)).toISOString()).toBe(
      '2025-07-15T12:00:00.000Z',
    );
    expect(new Date(monthsBefore(Date.parse('2026-01-10T00:00:00Z'), 120)).toISOString()).toBe(
      '2016-01-10T00:00:00.000Z',
    );
  });

  it('deletes sessions that ended more than N months ago, with their events and timers, in batches, audited', () => {
    history();
    const result = purgeEndedSessions(db, clock, 12, { batchSize: 1 });
    expect(result).toMatchObject({ sessions: 2, events: 4, timers: 2, complete: true });
    expect(count('sessions')).toBe(3);
    expect(count('session_events')).toBe(4);
    expect(count('timers')).toBe(2);
    // The open session from last year stays: it has not ended.
    expect(db.prepare('SELECT count(*) FROM sessions WHERE ended_at IS NULL').pluck().get()).toBe(1);
    expect(listAuditEntries(db)[0]).toMatchObject({
      action: 'retention-purge',
      staffId: null,
      detail: { months: 12, cutoff: '2025-07-15T12:00:00.000Z', sessions: 2, events: 4, timers: 2, complete: true },
    });
  });

  it('stops at the batch limit and goes on at the next run', () => {
    history();
    expect(purgeEndedSessions(db, clock, 2, { batchSize: 1, maxBatches: 2 })).toMatchObject({
      sessions: 2,
      complete: false,
    });
    expect(purgeEndedSessions(db, clock, 2, { batchSize: 1, maxBatches: 2 })).toMatchObject({
      sessions: 1,
      complete: true,
    });
    expect(count('sessions')).toBe(2);
  });

  it('runs once a day from housekeeping, and not at all while retention is off', () => {
    history();
    const before = databaseFingerprint(db);
    expect(purgeIfDue(db, clock)).toBeNull();
    expect(databaseFingerprint(db)).toBe(before);

    saveSettings(db, { retentionMonths: 12 });
    expect(purgeIfDue(db, clock)).toMatchObject({ sessions: 2 });
    clock.advance(DAY - 60_000);
    expect(purgeIfDue(db, clock)).toBeNull();
    clock.advance(60_000 + 40 * DAY);
    // 40 days on, the session from 2025-07-20 is past twelve months too.
    expect(purgeIfDue(db, clock)).toMatchObject({ sessions: 1 });
    expect(listAuditEntries(db).filter((entry) => entry.action === 'retention-purge')).toHaveLength(2);
  });
});
