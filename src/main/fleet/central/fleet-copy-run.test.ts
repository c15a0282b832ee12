import { afterAll, beforeAll, expect, it } from 'vitest';
import { fleetDatabaseForFile } from '../testing/fleet-database-for-file';
import type { CentralConnection } from './central-connection';
import { openCentral } from './connection-settings';
import { fleetCellsSql } from './fleet-cell-copy';
import { runFleetCopy } from './fleet-copy-run';

const fleet = fleetDatabaseForFile();
let owner: CentralConnection;
const RANGE = { start: Date.UTC(2026, 0, 1), end: Date.UTC(2027, 0, 1), timeZone: 'America/New_York' };

beforeAll(async () => {
  owner = openCentral(fleet.owner);
  await owner.query("INSERT INTO fleet.kiosks (kiosk_id, name) VALUES ('k_1', '4 West')");
  await owner.query(
    `INSERT INTO fleet.sessions (kiosk_id, local_id, uuid, room_local_id, room_name, kind, language, started_at,
       started_by, outbox_seq)
     SELECT 'k_1', n, gen_random_uuid(), 1, 'Room A', 'pumping', 'en', timestamptz '2026-03-01T12:00:00Z' + n * interval '1 hour', '101', n
     FROM generate_series(1, 3) AS n`,
  );
});
afterAll(() => owner?.end());

it('hands the count of the rows to come before the COPY starts, and a refusal then reads nothing', async () => {
  const heard: number[] = [];
  let consumed = false;
  const refusal = new Error('too many rows');
  await expect(
    runFleetCopy(
      owner,
      RANGE,
      {
        ...fleetCellsSql('sessions', RANGE),
        onCount: (count) => {
          heard.push(count);
          throw refusal;
        },
      },
      async () => {
        consumed = true;
      },
    ),
  ).rejects.toBe(refusal);
  expect({ heard, consumed }).toEqual({ heard: [3], consumed: false });
  // No COPY was left half-read: the connection still answers.
  expect(owner.failure).toBeUndefined();
  expect(await owner.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
});
