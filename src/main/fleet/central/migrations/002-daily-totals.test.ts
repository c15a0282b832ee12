import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seededRandom } from '../../../core/reliability/seeded-random';
import type { OutboxBatch, SessionOut } from '../../../core/repositories/fleet-outbox-repository';
import { createFleetTestDatabase, type FleetTestDatabase } from '../../testing/fleet-test-database';
import { migrateCentral } from '../central-migrate';
import type { CentralConnection } from '../central-connection';
import { openCentral } from '../connection-settings';
import { uploadBatch } from '../history-upload';
import { addKiosk } from '../kiosk-registry';
import { fleetSchema } from './001-fleet-schema';
import { dailyTotals } from './002-daily-totals';

let fleet: FleetTestDatabase;
let owner: CentralConnection;
const kiosks: { id: string; sql: CentralConnection }[] = [];

const batchOf = (sessions: SessionOut[]): OutboxBatch => ({
  lastId: 0,
  entries: sessions.length,
  sessions,
  sessionEvents: [],
  roomCleanings: [],
  timerOutcomes: [],
  auditEntries: [],
});

beforeAll(async () => {
  fleet = await createFleetTestDatabase();
  owner = openCentral(fleet.owner);
  await migrateCentral(owner);
  for (const [name, unit] of [
    ['4 West', 'Maternity'],
    ['5 East', 'Maternity'],
    ['NICU', 'Neonatal'],
  ] as const) {
    const added = await addKiosk(owner, { name, unit });
    kiosks.push({
      id: added.kioskId,
      sql: openCentral({ ...fleet.owner, user: added.kioskId, password: added.password }),
    });
  }
});
afterAll(async () => {
  await Promise.all([owner, ...kiosks.map((k) => k.sql)].map((sql) => sql?.end()));
  await fleet.drop();
});

const SCAN = `SELECT kiosk_id, (started_at AT TIME ZONE 'UTC')::date::text AS day, count(*)::int AS sessions,
    count(ended_at)::int AS ended_sessions,
    coalesce(sum((extract(epoch FROM ended_at - started_at) * 1000)::bigint), 0)::bigint::text AS duration_ms
  FROM fleet.sessions GROUP BY 1, 2 ORDER BY 1, 2`;
const ROLLUP = `SELECT kiosk_id, day::text, sessions::int, ended_sessions::int, duration_ms::text
  FROM fleet.daily_totals WHERE sessions <> 0 OR ended_sessions <> 0 OR duration_ms <> 0 ORDER BY 1, 2`;

it('equals a scan of the sessions after random batches from several kiosks, out of order, some twice, some ended later', async () => {
  const seed = Date.now();
  const next = seededRandom(seed);
  let localId = 0;
  // Each kiosk's copies of its sessions, in outbox order: an open copy and, for most, an ended one later.
  const deliveries: { kiosk: (typeof kiosks)[number]; batch: OutboxBatch }[] = [];
  for (const kiosk of kiosks) {
    let seq = 0;
    const copies: SessionOut[] = [];
    for (let n = 0; n < 40; n++) {
      const startedAt = Date.UTC(2026, 2, 1) + Math.floor(next() * 5 * 86_400_000);
      const open: SessionOut = {
        localId: ++localId,
        outboxSeq: ++seq,
        uuid: randomUUID(),
        roomLocalId: 1,
        roomName: 'Room A',
        kind: 'pumping',
        language: 'en',
        startedAt,
        startedBy: '101',
        endedAt: null,
        endedBy: null,
        endReason: null,
      };
      copies.push(open);
      if (next() < 0.8) {
        const endedAt = startedAt + 1 + Math.floor(next() * 3_600_000);
        copies.push({ ...open, outboxSeq: ++seq, endedAt, endedBy: '101', endReason: 'completed' });
      }
    }
    for (let i = 0; i < copies.length;) {
      const size = 1 + Math.floor(next() * 12);
      // A batch holds each row once (the outbox reads a row as it is): keep the newest copy per session.
      const chunk = copies.slice(i, i + size);
      const newest = new Map(chunk.map((copy) => [copy.localId, copy]));
      deliveries.push({ kiosk, batch: batchOf([...newest.values()]) });
      i += size;
    }
  }
  // Shuffle (batches of one kiosk arrive out of order: an older copy after a newer one), and repeat some.
  const order = [...deliveries, ...deliveries.filter(() => next() < 0.3)];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  for (const { kiosk, batch } of order) await uploadBatch(kiosk.sql, kiosk.id, batch);

  const scanned = await owner.query(SCAN);
  expect(scanned.length, `seed ${seed}`).toBeGreaterThan(3);
  expect(await owner.query(ROLLUP), `seed ${seed}`).toEqual(scanned);
});

it('lets a kiosk read every kiosk’s totals and the per-unit and hospital-wide views, never others’ raw rows', async () => {
  const [west, , nicu] = kiosks as [(typeof kiosks)[number], (typeof kiosks)[number], (typeof kiosks)[number]];
  const totals = await west.sql.query<{ kiosk_id: string }>('SELECT DISTINCT kiosk_id FROM fleet.daily_totals');
  expect(totals).toHaveLength(3);
  const units = await west.sql.query<{ unit: string; sessions: string }>(
    'SELECT unit, sum(sessions)::text AS sessions FROM fleet.unit_daily_totals GROUP BY unit ORDER BY unit',
  );
  expect(units.map((u) => u.unit)).toEqual(['Maternity', 'Neonatal']);
  const [hospital] = await west.sql.query<{ sessions: string }>(
    'SELECT sum(sessions)::text AS sessions FROM fleet.hospital_daily_totals',
  );
  const [all] = await owner.query<{ n: string }>('SELECT count(*)::text AS n FROM fleet.sessions');
  expect(hospital!.sessions).toBe(all!.n);
  const raw = await west.sql.query<{ kiosk_id: string }>('SELECT DISTINCT kiosk_id FROM fleet.sessions');
  expect(raw).toEqual([{ kiosk_id: west.id }]);
  await expect(
    west.sql.query('UPDATE fleet.daily_totals SET sessions = 0 WHERE kiosk_id = $1', [nicu.id]),
  ).rejects.toThrow(/permission denied/);
  await expect(
    west.sql.query("INSERT INTO fleet.daily_totals (kiosk_id, day, sessions) VALUES ($1, '2026-01-01', 5)", [west.id]),
  ).rejects.toThrow(/permission denied/);
  await expect(west.sql.query('SELECT fleet.apply_session_to_daily_totals()')).rejects.toThrow();
});

it('counts the sessions a fleet delivered before this step', async () => {
  const older = await createFleetTestDatabase();
  const sql = openCentral(older.owner);
  try {
    await migrateCentral(sql, [fleetSchema]);
    const added = await addKiosk(sql, { name: 'Old', unit: null });
    const asKiosk = openCentral({ ...older.owner, user: added.kioskId, password: added.password });
    const base = { uuid: '', roomLocalId: 1, roomName: 'Room A', kind: 'pumping', language: 'en', startedBy: '101' };
    await uploadBatch(
      asKiosk,
      added.kioskId,
      batchOf([
        {
          ...base,
          localId: 1,
          outboxSeq: 1,
          uuid: randomUUID(),
          startedAt: Date.UTC(2026, 0, 1, 23),
          endedAt: Date.UTC(2026, 0, 2, 1),
          endedBy: '101',
          endReason: 'completed',
        },
        {
          ...base,
          localId: 2,
          outboxSeq: 2,
          uuid: randomUUID(),
          startedAt: Date.UTC(2026, 0, 2, 9),
          endedAt: null,
          endedBy: null,
          endReason: null,
        },
      ]),
    );
    await asKiosk.end();
    expect(await migrateCentral(sql, [fleetSchema, dailyTotals])).toMatchObject({ from: 1, to: 2 });
    expect(await sql.query(ROLLUP)).toEqual([
      { kiosk_id: added.kioskId, day: '2026-01-01', sessions: 1, ended_sessions: 1, duration_ms: '7200000' },
      { kiosk_id: added.kioskId, day: '2026-01-02', sessions: 1, ended_sessions: 0, duration_ms: '0' },
    ]);
  } finally {
    await sql.end();
    await older.drop();
  }
});
