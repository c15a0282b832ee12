import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EndReason, Language, SessionKind } from '../../../shared/domain';
import { openDatabase, type KioskDatabase } from '../db/open-database';
import { sessionTotals } from '../repositories/report-queries';
import { beginBulkLoad, bulkLoadPending } from '../repositories/rollup-repository';
import { deleteSessions } from '../repositories/retention-queries';
import { finishInterruptedBulkLoad, withBulkLoad } from '../services/session-rollups';
import { makeTempFolder } from '../testing/temp-folder';
import { formatCalendarDate, localRange } from './local-days';
import { addRoom, addSession, addStaffMember } from '../testing/report-fixture';
import { totalsForRange } from './session-totals';

/**
 * The per-day rollups against a scan of the sessions: for random histories around DST changes in zones with odd
 * offsets, random ends (some sessions still open) and retention deletes, every range's totals in two zones from the
 * rollups equal the totals counted from the sessions themselves.
 */
let folder: ReturnType<typeof makeTempFolder>;
let db: KioskDatabase;
let rooms: number[];
let staff: number;
beforeAll(() => {
  folder = makeTempFolder();
  db = openDatabase(`${folder.path}/kiosk.db`);
  staff = addStaffMember(db, '1');
  rooms = [addRoom(db, 'Room 1'), addRoom(db, 'Room 2'), addRoom(db, 'Room 3')];
});
afterAll(() => {
  db.close();
  folder.cleanup();
});

const ZONES = [
  'America/New_York',
  'Europe/Madrid',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'America/Santiago',
  'UTC',
];
/** Instants a few days either side of DST changes (US, EU, southern hemisphere), as UTC ms. */
const AROUND = [Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6), Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 3, 5, 3)];
const DAY = 86_400_000;

const session = fc.record({
  room: fc.integer({ min: 0, max: 2 }),
  around: fc.constantFrom(...AROUND),
  startOffset: fc.integer({ min: -3 * DAY, max: 3 * DAY }),
  minutes: fc.option(fc.integer({ min: 0, max: 600 }), { freq: 6 }),
  kind: fc.constantFrom<SessionKind>('breastfeeding', 'pumping', 'hand-expression'),
  language: fc.constantFrom<Language>('en', 'es'),
  reason: fc.constantFrom<EndReason>('completed', 'staff-ended', 'auto-closed', 'recovered'),
});

it(
  'rollup totals equal a scan of the sessions, for random histories, zones, DST days and ranges',
  { timeout: 120_000 },
  () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom(...ZONES),
        fc.array(session, { maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 39 }), { maxLength: 5 }),
        fc.array(fc.tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: 0, max: 8 })), {
          minLength: 1,
          maxLength: 4,
        }),
        (zone, laterZone, sessions, purged, ranges) => {
          db.exec('DELETE FROM sessions');
          const ids: number[] = [];
          const openRooms = new Set<number>();
          // At most one open session per room, as the database demands; the fixture writes a session open, then ends
          // it, so the ones left open go last.
          const planned = sessions.map((plan) => {
            const open = plan.minutes === null && !openRooms.has(plan.room);
            if (open) openRooms.add(plan.room);
            return { ...plan, open };
          });
          for (const plan of [...planned.filter((p) => !p.open), ...planned.filter((p) => p.open)]) {
            const start = plan.around + plan.startOffset;
            ids.push(
              addSession(db, {
                roomId: rooms[plan.room]!,
                startedBy: staff,
                kind: plan.kind,
                language: plan.language,
                start: new Date(start).toISOString(),
                end: plan.open ? undefined : new Date(start + (plan.minutes ?? 30) * 60_000).toISOString(),
                reason: plan.reason,
              }).id,
            );
          }
          deleteSessions(
            db,
            purged.filter((index) => index < ids.length).map((index) => ids[index]!),
          );
          for (const currentZone of [zone, laterZone]) {
            for (const [firstDay, length] of ranges) {
              for (const around of AROUND) {
                const from = formatCalendarDate(Math.floor(around / DAY) * DAY + firstDay * DAY);
                const to = formatCalendarDate(Math.floor(around / DAY) * DAY + (firstDay + length) * DAY);
                const range = localRange(currentZone, from, to);
                for (const roomId of [null, rooms[0]!, rooms[2]!]) {
                  expect(totalsForRange(db, range.start, range.end, roomId)).toEqual(
                    sessionTotals(db, range.start, range.end, roomId),
                  );
                }
              }
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  },
);

/** Every rollup row and event summary, as the triggers left them. */
function derived() {
  return {
    days: db.prepare('SELECT * FROM session_days WHERE ended <> 0 ORDER BY day').all(),
    roomDays: db.prepare('SELECT * FROM session_room_days WHERE ended <> 0 ORDER BY room_id, day').all(),
    summaries: db
      .prepare('SELECT guides_viewed, slides_viewed, timers_started, help_requests FROM sessions ORDER BY id')
      .all(),
  };
}

const EVENT_TYPES = ['guide-viewed', 'slide-viewed', 'timer-started', 'help-requested', 'guide-viewed'];

/** Sessions number `from` to `to` - 1 of one fixed history, 7 hours apart, with 0–5 events each. */
function writeHistory(from: number, to: number) {
  db.transaction(() => {
    for (let index = from; index < to; index++) {
      const start = Date.UTC(2026, 2, 1) + index * 7 * 3_600_000;
      const { id } = addSession(db, {
        roomId: rooms[index % 3]!,
        startedBy: staff,
        start: new Date(start).toISOString(),
        end: new Date(start + (10 + index) * 60_000).toISOString(),
      });
      const insert = db.prepare('INSERT INTO session_events (session_id, at, type) VALUES (?, ?, ?)');
      for (const type of EVENT_TYPES.slice(0, index % 6)) insert.run(id, start + 1000, type);
    }
  })();
}

it('a bulk load drops the triggers, answers from the sessions meanwhile, and recounts exactly what they keep', () => {
  db.exec('DELETE FROM sessions');
  writeHistory(0, 60);
  const kept = derived();
  expect(kept.days.length).toBeGreaterThan(10);

  db.exec('DELETE FROM sessions; DELETE FROM session_days; DELETE FROM session_room_days');
  const range = localRange('America/New_York', '2026-03-01', '2026-03-31');
  withBulkLoad(db, () => {
    writeHistory(0, 60);
    expect(bulkLoadPending(db)).toBe(true);
    expect(db.prepare('SELECT count(*) FROM session_days WHERE ended <> 0').pluck().get()).toBe(0);
    expect(db.prepare('SELECT sum(guides_viewed) FROM sessions').pluck().get()).toBe(0);
    expect(totalsForRange(db, range.start, range.end, null)).toEqual(sessionTotals(db, range.start, range.end, null));
  });
  expect(bulkLoadPending(db)).toBe(false);
  // The same rows as the triggers kept for the same history.
  const recounted = derived();
  expect(recounted.days).toEqual(kept.days);
  expect(recounted.roomDays).toEqual(kept.roomDays);
  expect(recounted.summaries).toEqual(kept.summaries);
  expect(totalsForRange(db, range.start, range.end, rooms[1]!)).toEqual(
    sessionTotals(db, range.start, range.end, rooms[1]!),
  );
});

it('a bulk load cut short is finished the next time, and only then, with its triggers back', () => {
  const triggers = () =>
    db
      .prepare(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name IN ('sessions', 'session_events')",
      )
      .pluck()
      .get();
  // The rollups' and summaries' six and the fleet outbox's three on these tables.
  expect(triggers()).toBe(9);
  db.exec('DELETE FROM sessions');
  writeHistory(0, 20);
  const kept = derived();
  db.exec('DELETE FROM sessions; DELETE FROM session_days; DELETE FROM session_room_days');
  beginBulkLoad(db);
  expect(triggers()).toBe(0);
  writeHistory(0, 10);
  expect(finishInterruptedBulkLoad(db)).toBe(true);
  expect(finishInterruptedBulkLoad(db)).toBe(false);
  expect(triggers()).toBe(9);
  // The last ten sessions are counted by the recreated triggers as they are written.
  writeHistory(10, 20);
  expect(derived()).toEqual(kept);
});
