/**
 * The export panel's fleet export over a network that goes quiet mid-COPY, and over one that is slow but keeps
 * flowing: the first is stopped within the idle guard and leaves no file, the second is written whole, however long
 * the COPY takes. The guard and the statement timeout are made small here by the export's own parameters.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../../core/clock';
import { makeTempFolder } from '../../core/testing/temp-folder';
import { migrateCentral } from '../central/central-migrate';
import { openCentral } from '../central/connection-settings';
import { addReporter } from '../central/reporter-registry';
import { createFleetTestDatabase, type FleetTestDatabase } from '../testing/fleet-test-database';
import { silentLogger, storedCredentials } from '../testing/joined-kiosk';
import { startNetworkCutProxy, type NetworkCutProxy } from '../testing/network-cut-proxy';
import { createTestKiosk, enrolKiosk, type TestKiosk } from '../testing/test-kiosk';
import { writeCredentials } from './fleet-credentials';
import { answerFleetExport, type FleetExportInput } from './fleet-export';
import { joinFleet } from './fleet-membership';

/** About 170 bytes a record: some 850 KB of COPY, many chunks. */
const SESSIONS = 5_000;
/** Where the stall begins: past the connection's start and the statements before the COPY, inside the COPY. */
const STALL_AFTER_BYTES = 128 * 1024;

let fleet: FleetTestDatabase;
let reporter: { role: string; password: string };
let out: ReturnType<typeof makeTempFolder>;
let kiosk: TestKiosk;
let proxy: NetworkCutProxy;

beforeAll(async () => {
  fleet = await createFleetTestDatabase();
  out = makeTempFolder('fleet-export-idle-');
  kiosk = createTestKiosk();
  const sql = openCentral(fleet.owner);
  try {
    await migrateCentral(sql);
    reporter = await addReporter(sql, 'quality');
    const { kioskId, enrolment } = await enrolKiosk(fleet.owner, '4 West', 'Maternity');
    await joinFleet({ db: kiosk.db, dataFolder: kiosk.folder, enrolment, clock: systemClock });
    await sql.query(
      `INSERT INTO fleet.sessions (kiosk_id, local_id, uuid, room_local_id, room_name, kind, language, started_at,
         started_by, ended_at, ended_by, end_reason, outbox_seq)
       SELECT $1, n, gen_random_uuid(), 1, 'Room ' || n, 'pumping', 'en', timestamptz '2026-03-10' + n * interval '1 minute',
         '101', timestamptz '2026-03-10' + n * interval '1 minute' + interval '20 minutes', '101', 'completed', n
       FROM generate_series(1, $2::int) n`,
      [kioskId, SESSIONS],
    );
  } finally {
    await sql.end();
  }
  proxy = await startNetworkCutProxy({ host: fleet.owner.host, port: fleet.owner.port });
  writeCredentials(kiosk.folder, { ...storedCredentials(kiosk), port: proxy.port });
}, 60_000);
afterEach(() => proxy.heal());
afterAll(async () => {
  await proxy?.close();
  kiosk?.close();
  out?.cleanup();
  await fleet?.drop();
});

function request(path: string, changes: Partial<FleetExportInput>): FleetExportInput {
  return {
    db: kiosk.db,
    dataFolder: kiosk.folder,
    scope: 'hospital',
    start: Date.UTC(2026, 2, 1),
    end: Date.UTC(2026, 4, 1),
    timeZone: 'UTC',
    separator: ',',
    reporter,
    path,
    logger: silentLogger,
    ...changes,
  };
}

it('writes a slow but flowing COPY whole, though it takes longer than the guard and the statement timeout', async () => {
  const path = join(out.path, 'slow.csv');
  proxy.trickle(32 * 1024, 100);
  const started = performance.now();
  const answer = await answerFleetExport(request(path, { idleTimeoutMs: 600, queryTimeoutMs: 1_000 }));
  const took = performance.now() - started;
  expect(answer).toEqual({ status: 'written', rows: SESSIONS });
  expect(took).toBeGreaterThan(2_000);
  expect(readFileSync(path, 'utf8').trimEnd().split('\r\n')).toHaveLength(SESSIONS + 1);
  // Far more than where the stall below begins: that stall is mid-COPY.
  expect(statSync(path).size).toBeGreaterThan(4 * STALL_AFTER_BYTES);
});

it('stops a COPY that goes quiet within the guard, as unreachable, and leaves no file behind', async () => {
  const path = join(out.path, 'stalled.csv');
  const before = readdirSync(out.path).sort();
  const guardMs = 1_000;
  let stalledAt = 0;
  void proxy.stallAfter(STALL_AFTER_BYTES).then(() => (stalledAt = performance.now()));
  const answer = await answerFleetExport(request(path, { idleTimeoutMs: guardMs }));
  const waited = performance.now() - stalledAt;
  expect(answer).toEqual({ status: 'unreachable' });
  expect(stalledAt).toBeGreaterThan(0);
  expect(waited).toBeGreaterThanOrEqual(guardMs - 50);
  expect(waited).toBeLessThan(guardMs + 2_000);
  expect(readdirSync(out.path).sort()).toEqual(before);
});
