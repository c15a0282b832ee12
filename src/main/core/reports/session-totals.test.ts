import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EndReason, Language, SessionKind } from '../../../shared/domain';
import { openDatabase, type KioskDatabase } from '../db/open-database';
import { sessionTotals } from '../repositories/report-queries';
import { readRollupZone } from '../repositories/rollup-repository';
import { deleteSessions } from '../repositories/retention-queries';
import { ensureSessionRollups } from '../services/session-rollups';
import { saveSettings } from '../services/settings-service';
import { makeTempFolder } from '../testing/temp-folder';
import { formatCalendarDate, localRange } from './local-days';
import { addRoom, addSession, addStaffMember } from './report-fixture';
import { totalsForRange } from './session-totals';

/**
 * The per-day rollups against a scan of the sessions: for random histories around DST changes in zones with odd
 * offsets, random ends (some sessions still open), retention deletes and a time-zone change, every range's totals
 * from the rollups equal the totals counted from the sessions themselves.
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
          saveSettings(db, { timeZone: zone });
          expect(readRollupZone(db)).toBe(zone);
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
            if (currentZone !== zone) saveSettings(db, { timeZone: currentZone });
            for (const [firstDay, length] of ranges) {
              for (const around of AROUND) {
                const from = formatCalendarDate(Math.floor(around / DAY) * DAY + firstDay * DAY);
                const to = formatCalendarDate(Math.floor(around / DAY) * DAY + (firstDay + length) * DAY);
                const range = localRange(currentZone, from, to);
                for (const roomId of [null, rooms[0]!, rooms[2]!]) {
                  expect(totalsForRange(db, range, roomId)).toEqual(sessionTotals(db, range.start, range.end, roomId));
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

it('answers from the sessions while the rollups are kept for another zone, and rebuilds once asked', () => {
  db.exec('DELETE FROM sessions');
  saveSettings(db, { timeZone: 'Europe/Madrid' });
  addSession(db, { roomId: rooms[0]!, startedBy: staff, start: '2026-03-29T00:30:00Z', end: '2026-03-29T01:30:00Z' });
  const range = localRange('America/New_York', '2026-03-28', '2026-03-28');
  expect(totalsForRange(db, range, null).sessions).toBe(1);
  expect(ensureSessionRollups(db, 'America/New_York')).toBe(true);
  expect(ensureSessionRollups(db, 'America/New_York')).toBe(false);
  expect(totalsForRange(db, range, null)).toEqual(sessionTotals(db, range.start, range.end, null));
  expect(totalsForRange(db, localRange('America/New_York', '2026-03-29', '2026-03-29'), null).sessions).toBe(0);
});
