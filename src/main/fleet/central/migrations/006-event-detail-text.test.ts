import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OutboxBatch, SessionEventOut } from '../../../core/repositories/fleet-outbox-repository';
import { createFleetTestDatabase, type FleetTestDatabase } from '../../testing/fleet-test-database';
import { migrateCentral } from '../central-migrate';
import type { CentralConnection } from '../central-connection';
import { openCentral } from '../connection-settings';
import { uploadBatch } from '../history-upload';
import { addKiosk } from '../kiosk-registry';
import { CENTRAL_MIGRATIONS } from '.';

let fleet: FleetTestDatabase;
let owner: CentralConnection;

/** Details written before this step: keys out of jsonb's order, and strings holding what the compaction removes. */
const OLD_DETAILS = [
  { preset: 'warm-compress', side: 'left', durationMs: 300000 },
  { guide: 'cradle' },
  { text: 'a: b, c', 'key, with: colon': ['x', 1, { z: 'say "hi", ok' }], empty: {} },
  { back: 'slash \\ and \\" and : ,', tab: 'a\tb\nc', emoji: 'ñ 🍼', ctrl: '\u0007' },
  { nested: { b: [true, false, null], a: -12.5 } },
];

const events = () =>
  owner.query<{ local_id: string; detail: unknown; detail_text: string | null }>(
    'SELECT local_id::text, detail, detail_text FROM fleet.session_events ORDER BY local_id',
  );

beforeAll(async () => {
  fleet = await createFleetTestDatabase();
  owner = openCentral(fleet.owner);
  await migrateCentral(
    owner,
    CENTRAL_MIGRATIONS.filter((step) => step.version < 6),
  );
  await owner.query("INSERT INTO fleet.kiosks (kiosk_id, name) VALUES ('k_old', 'Delivered before')");
  for (const [index, detail] of [...OLD_DETAILS, null].entries()) {
    await owner.query(
      `INSERT INTO fleet.session_events (kiosk_id, local_id, session_local_id, at, type, detail, outbox_seq)
       VALUES ('k_old', $1, 1, now(), 'guide-viewed', $2::text::jsonb, $1)`,
      [index + 1, detail === null ? null : JSON.stringify(detail)],
    );
  }
  expect(await migrateCentral(owner)).toMatchObject({ from: 5, to: CENTRAL_MIGRATIONS.at(-1)!.version });
});
afterAll(async () => {
  await owner?.end();
  await fleet?.drop();
});

it('fills the text of events delivered before, as compact JSON of the same value (keys in jsonb’s order)', async () => {
  const rows = await events();
  expect(rows).toHaveLength(OLD_DETAILS.length + 1);
  for (const [index, row] of rows.entries()) {
    if (index === OLD_DETAILS.length) {
      expect(row).toMatchObject({ detail: null, detail_text: null });
      continue;
    }
    // node-postgres parses jsonb's text, so its keys come in jsonb's order: stringified, the compact text expected.
    expect(row.detail_text).toBe(JSON.stringify(row.detail));
    expect(JSON.parse(row.detail_text!)).toEqual(OLD_DETAILS[index]);
  }
  // jsonb did reorder the first detail: the text cannot be the kiosk's for events delivered before this step.
  expect(rows[0]!.detail_text).not.toBe(JSON.stringify(OLD_DETAILS[0]));
});

it('keeps the kiosk’s own text from delivery, and fills it for a program that sends only the jsonb', async () => {
  const added = await addKiosk(owner, { name: '4 West', unit: null });
  const kiosk = openCentral({ ...fleet.owner, user: added.kioskId, password: added.password });
  try {
    const kioskText = JSON.stringify(OLD_DETAILS[0]);
    const event = (localId: number, detail: string | null): SessionEventOut => ({
      localId,
      outboxSeq: localId,
      sessionLocalId: 1,
      at: Date.UTC(2026, 2, 1),
      type: 'timer-started',
      detail,
    });
    const batch: OutboxBatch = {
      lastId: 0,
      entries: 2,
      sessions: [],
      sessionEvents: [event(1, kioskText), event(2, null)],
      roomCleanings: [],
      timerOutcomes: [],
      auditEntries: [],
    };
    await uploadBatch(kiosk, added.kioskId, batch);
    const delivered = await owner.query<{ detail_text: string | null }>(
      'SELECT detail_text FROM fleet.session_events WHERE kiosk_id = $1 ORDER BY local_id',
      [added.kioskId],
    );
    expect(delivered).toEqual([{ detail_text: kioskText }, { detail_text: null }]);

    await kiosk.query(
      `INSERT INTO fleet.session_events (kiosk_id, local_id, session_local_id, at, type, detail, outbox_seq)
       VALUES (current_user, 3, 1, now(), 'guide-viewed', $1::text::jsonb, 3)`,
      [JSON.stringify(OLD_DETAILS[2])],
    );
    const [older] = await owner.query<{ detail: unknown; detail_text: string }>(
      'SELECT detail, detail_text FROM fleet.session_events WHERE kiosk_id = $1 AND local_id = 3',
      [added.kioskId],
    );
    expect(older!.detail_text).toBe(JSON.stringify(older!.detail));
  } finally {
    await kiosk.end();
  }
});

it('refuses a text that is not the same JSON as the jsonb, or one without the other', async () => {
  const insert = (detail: string | null, text: string | null) =>
    owner.query(
      `INSERT INTO fleet.session_events (kiosk_id, local_id, session_local_id, at, type, detail, detail_text, outbox_seq)
       VALUES ('k_old', 100, 1, now(), 'guide-viewed', $1::text::jsonb, $2, 100)`,
      [detail, text],
    );
  await expect(insert('{"a":1}', '{"a":2}')).rejects.toThrow(/detail_text_is_detail/);
  await expect(insert(null, '{"a":1}')).rejects.toThrow(/detail_text_is_detail/);
  await expect(insert('{"a":1}', 'not json')).rejects.toThrow(/invalid input syntax for type json/);
  expect(await owner.query('SELECT 1 FROM fleet.session_events WHERE local_id = 100')).toEqual([]);
});
