import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seededRandom } from '../../../core/reliability/seeded-random';
import type { OutboxBatch, SessionEventOut, SessionOut } from '../../../core/repositories/fleet-outbox-repository';
import { createFleetTestDatabase, type FleetTestDatabase } from '../../testing/fleet-test-database';
import { migrateCentral } from '../central-migrate';
import type { CentralConnection } from '../central-connection';
import { openCentral } from '../connection-settings';
import { uploadBatch } from '../history-upload';
import { addKiosk } from '../kiosk-registry';
import { CENTRAL_MIGRATIONS } from '.';
import { sessionEventCounts } from './005-session-event-counts';

let fleet: FleetTestDatabase;
let owner: CentralConnection;
const kiosks: { id: string; sql: CentralConnection }[] = [];

const batchOf = (sessions: SessionOut[], sessionEvents: SessionEventOut[] = []): OutboxBatch => ({
  lastId: 0,
  entries: sessions.length + sessionEvents.length,
  sessions,
  sessionEvents,
  roomCleanings: [],
  timerOutcomes: [],
  auditEntries: [],
});

const session = (localId: number, outboxSeq: number): SessionOut => ({
  localId,
  outboxSeq,
  uuid: randomUUID(),
  roomLocalId: 1,
  roomName: 'Room A',
  kind: 'pumping',
  language: 'en',
  startedAt: Date.UTC(2026, 2, 1) + localId * 60_000,
  startedBy: '101',
  endedAt: null,
  endedBy: null,
  endReason: null,
});

/** Counted types and some the export does not count. */
const TYPES = ['guide-viewed', 'slide-viewed', 'timer-started', 'help-requested', 'timer-finished', 'language-changed'];

async function kioskOn(db: FleetTestDatabase, sql: CentralConnection, name: string) {
  const added = await addKiosk(sql, { name, unit: null });
  return { id: added.kioskId, sql: openCentral({ ...db.owner, user: added.kioskId, password: added.password }) };
}

beforeAll(async () => {
  fleet = await createFleetTestDatabase();
  owner = openCentral(fleet.owner);
  await migrateCentral(owner);
  for (const name of ['4 West', '5 East', 'NICU']) kiosks.push(await kioskOn(fleet, owner, name));
});
afterAll(async () => {
  await Promise.all([owner, ...kiosks.map((k) => k.sql)].map((sql) => sql?.end()));
  await fleet.drop();
});

/** Each session's counts from a scan of its events, beside the counts its row keeps. */
const SCAN = `SELECT s.kiosk_id, s.local_id::int,
    count(e.*) FILTER (WHERE e.type = 'guide-viewed')::int AS guide_views,
    count(e.*) FILTER (WHERE e.type = 'slide-viewed')::int AS slide_views,
    count(e.*) FILTER (WHERE e.type = 'timer-started')::int AS timer_starts,
    count(e.*) FILTER (WHERE e.type = 'help-requested')::int AS help_requests
  FROM fleet.sessions s LEFT JOIN fleet.session_events e
    ON e.kiosk_id = s.kiosk_id AND e.session_local_id = s.local_id
  GROUP BY 1, 2 ORDER BY 1, 2`;
const KEPT = `SELECT kiosk_id, local_id::int, guide_views, slide_views, timer_starts, help_requests
  FROM fleet.sessions ORDER BY 1, 2`;
const TOTALS_SCAN = `SELECT kiosk_id, (started_at AT TIME ZONE 'UTC')::date::text AS day, count(*)::int AS sessions
  FROM fleet.sessions GROUP BY 1, 2 ORDER BY 1, 2`;
const TOTALS = `SELECT kiosk_id, day::text, sessions::int FROM fleet.daily_totals WHERE sessions <> 0 ORDER BY 1, 2`;

it('equals a scan after random batches of sessions and events, out of order, some twice, events before their session', async () => {
  const seed = Date.now();
  const next = seededRandom(seed);
  const deliveries: { kiosk: (typeof kiosks)[number]; batch: OutboxBatch }[] = [];
  let eventId = 0;
  for (const kiosk of kiosks) {
    let seq = 0;
    for (let localId = 1; localId <= 30; localId++) {
      const copy = session(localId, ++seq);
      const events = Array.from({ length: Math.floor(next() * 8) }, () => ({
        localId: ++eventId,
        outboxSeq: ++seq,
        sessionLocalId: localId,
        at: copy.startedAt + 1_000,
        type: TYPES[Math.floor(next() * TYPES.length)]!,
        detail: null,
      }));
      const cut = Math.floor(next() * (events.length + 1));
      // Some events in the session's batch, the rest in batches of their own, and an ended copy later.
      deliveries.push({ kiosk, batch: batchOf([copy], events.slice(0, cut)) });
      for (const event of events.slice(cut)) deliveries.push({ kiosk, batch: batchOf([], [event]) });
      if (next() < 0.7) {
        const ended = { ...copy, outboxSeq: ++seq, endedAt: copy.startedAt + 600_000, endedBy: '101' };
        deliveries.push({ kiosk, batch: batchOf([{ ...ended, endReason: 'completed' }]) });
      }
    }
  }
  // Shuffled, so events often arrive before their session; about a third delivered twice.
  const order = [...deliveries, ...deliveries.filter(() => next() < 0.3)];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  for (const { kiosk, batch } of order) await uploadBatch(kiosk.sql, kiosk.id, batch);

  const scanned = await owner.query<{ guide_views: number }>(SCAN);
  expect(scanned, `seed ${seed}`).toHaveLength(90);
  expect(
    scanned.some((row) => row.guide_views > 0),
    `seed ${seed}`,
  ).toBe(true);
  expect(await owner.query(KEPT), `seed ${seed}`).toEqual(scanned);
  // Counting events leaves the daily totals as a scan has them.
  expect(await owner.query(TOTALS), `seed ${seed}`).toEqual(await owner.query(TOTALS_SCAN));
});

it("lets no kiosk set a count by hand, nor move another kiosk's counts", async () => {
  const [west, east] = kiosks as [(typeof kiosks)[number], (typeof kiosks)[number]];
  const before = await owner.query(KEPT);
  await expect(
    west.sql.query('UPDATE fleet.sessions SET guide_views = 99 WHERE kiosk_id = current_user'),
  ).rejects.toThrow(/permission denied/);
  await expect(
    west.sql.query(
      `INSERT INTO fleet.sessions (kiosk_id, local_id, uuid, room_local_id, room_name, kind, language, started_at,
         started_by, outbox_seq, help_requests)
       VALUES (current_user, 1000, gen_random_uuid(), 1, 'Room A', 'pumping', 'en', now(), '101', 1000, 7)`,
    ),
  ).rejects.toThrow(/permission denied/);
  await expect(west.sql.query('SELECT fleet.count_delivered_events()')).rejects.toThrow();
  // An event in another kiosk's name is refused by row-level security, and its session's counts do not move.
  await expect(
    uploadBatch(
      west.sql,
      east.id,
      batchOf(
        [],
        [{ localId: 9_000, outboxSeq: 9_000, sessionLocalId: 1, at: 0, type: 'help-requested', detail: null }],
      ),
    ),
  ).rejects.toThrow(/row-level security/);
  expect(await owner.query(KEPT)).toEqual(before);

  // The columns a kiosk writes on delivery still work: a new session, then it ends.
  const fresh = session(2_000, 2_000);
  await uploadBatch(west.sql, west.id, batchOf([fresh]));
  await uploadBatch(
    west.sql,
    west.id,
    batchOf([{ ...fresh, outboxSeq: 2_001, endedAt: fresh.startedAt + 1, endedBy: '101', endReason: 'completed' }]),
  );
  const [row] = await owner.query<{ ended: boolean }>(
    'SELECT ended_at IS NOT NULL AS ended FROM fleet.sessions WHERE kiosk_id = $1 AND local_id = 2000',
    [west.id],
  );
  expect(row).toEqual({ ended: true });
});

it('counts the events a fleet delivered before this step', async () => {
  const older = await createFleetTestDatabase();
  const sql = openCentral(older.owner);
  // Every other step, so today's delivery code can write to it; the migrator then adds the step it lacks.
  const before = CENTRAL_MIGRATIONS.filter((step) => step !== sessionEventCounts);
  try {
    await migrateCentral(sql, before);
    const kiosk = await kioskOn(older, sql, 'Old');
    const events = ['guide-viewed', 'guide-viewed', 'help-requested', 'timer-finished', 'slide-viewed'].map(
      (type, index) => ({ localId: index + 1, outboxSeq: 10 + index, sessionLocalId: 1, at: 0, type, detail: null }),
    );
    const other = { localId: 6, outboxSeq: 20, sessionLocalId: 2, at: 0, type: 'timer-started', detail: null };
    await uploadBatch(kiosk.sql, kiosk.id, batchOf([session(1, 1), session(2, 2), session(3, 3)], [...events, other]));
    await kiosk.sql.end();
    expect(
      await sql.query(
        "SELECT 1 FROM information_schema.columns WHERE table_schema = 'fleet' AND column_name = 'guide_views'",
      ),
    ).toEqual([]);
    expect(await migrateCentral(sql)).toMatchObject({ to: CENTRAL_MIGRATIONS.at(-1)!.version });
    const kept = await sql.query(KEPT);
    expect(kept).toEqual(await sql.query(SCAN));
    expect(kept.map(({ kiosk_id: _, ...counts }) => counts)).toEqual([
      { local_id: 1, guide_views: 2, slide_views: 1, timer_starts: 0, help_requests: 1 },
      { local_id: 2, guide_views: 0, slide_views: 0, timer_starts: 1, help_requests: 0 },
      { local_id: 3, guide_views: 0, slide_views: 0, timer_starts: 0, help_requests: 0 },
    ]);
  } finally {
    await sql.end();
    await older.drop();
  }
});
