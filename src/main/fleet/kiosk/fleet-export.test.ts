import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../../core/clock';
import type { KioskDatabase } from '../../core/db/open-database';
import { openKioskCore, type KioskCore } from '../../core/kiosk-core';
import { createFileLogger, LOG_FOLDER } from '../../core/logging/file-logger';
import { listAuditEntries } from '../../core/repositories/audit-log-repository';
import { callCore, setUpWard, signInToken } from '../../core/testing/core-calls';
import { makeTempFolder } from '../../core/testing/temp-folder';
import { migrateCentral } from '../central/central-migrate';
import { openCentral } from '../central/connection-settings';
import { addReporter } from '../central/reporter-registry';
import { createFleetTestDatabase, type FleetTestDatabase } from '../testing/fleet-test-database';
import { deliverEverything, silentLogger, storedCredentials } from '../testing/joined-kiosk';
import { createTestKiosk, enrolKiosk, type TestKiosk } from '../testing/test-kiosk';
import { writeCredentials } from './fleet-credentials';
import { answerFleetExport, type FleetExportInput } from './fleet-export';
import { joinFleet } from './fleet-membership';

let fleet: FleetTestDatabase;
let reporter: { role: string; password: string };
let out: ReturnType<typeof makeTempFolder>;
const kiosks: TestKiosk[] = [];
let maternityA: TestKiosk;
let maternityB: TestKiosk;
let surgery: TestKiosk;

async function joinedKiosk(name: string, unit: string | null, visits: number): Promise<TestKiosk> {
  const kiosk = createTestKiosk();
  kiosks.push(kiosk);
  kiosk.writeVisits(visits, { open: true });
  const { kioskId, enrolment } = await enrolKiosk(fleet.owner, name, unit);
  await joinFleet({ db: kiosk.db, dataFolder: kiosk.folder, enrolment, clock: systemClock });
  await deliverEverything(kiosk, kioskId);
  return kiosk;
}

beforeAll(async () => {
  fleet = await createFleetTestDatabase();
  out = makeTempFolder('fleet-export-panel-');
  const sql = openCentral(fleet.owner);
  try {
    await migrateCentral(sql);
    reporter = await addReporter(sql, 'quality');
  } finally {
    await sql.end();
  }
  maternityA = await joinedKiosk('4 West', 'Maternity', 5);
  maternityB = await joinedKiosk('4 East', 'Maternity', 3);
  surgery = await joinedKiosk('Surgery 2', 'Surgery', 4);
}, 60_000);
afterAll(async () => {
  for (const kiosk of kiosks.splice(0)) kiosk.close();
  out?.cleanup();
  await fleet.drop();
});

/** Every session the test kiosks wrote is stamped on 1 April 2026 (UTC). */
function request(kiosk: TestKiosk, changes: Partial<FleetExportInput> = {}): FleetExportInput {
  return {
    db: kiosk.db,
    dataFolder: kiosk.folder,
    scope: 'unit',
    start: Date.UTC(2026, 2, 1),
    end: Date.UTC(2026, 4, 1),
    timeZone: 'UTC',
    separator: ',',
    reporter,
    path: join(out.path, `export-${Math.random().toString(36).slice(2)}.csv`),
    logger: silentLogger,
    ...changes,
  };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const uuidsIn = (path: string) => (readFileSync(path, 'utf8').match(UUID) ?? []).sort();
const uuidsOf = (dbs: KioskDatabase[]) =>
  dbs.flatMap((db) => (db.prepare('SELECT uuid FROM sessions').all() as { uuid: string }[]).map((r) => r.uuid)).sort();

it("exports exactly the unit's sessions for the unit, and every kiosk's for the hospital", async () => {
  const unit = request(maternityA);
  expect(await answerFleetExport(unit)).toEqual({ status: 'written', rows: 8 });
  expect(uuidsIn(unit.path)).toEqual(uuidsOf([maternityA.db, maternityB.db]));
  expect(readFileSync(unit.path, 'utf8')).not.toContain('Surgery 2');

  const otherUnit = request(surgery);
  expect(await answerFleetExport(otherUnit)).toEqual({ status: 'written', rows: 4 });
  expect(uuidsIn(otherUnit.path)).toEqual(uuidsOf([surgery.db]));

  const hospital = request(maternityB, { scope: 'hospital' });
  expect(await answerFleetExport(hospital)).toEqual({ status: 'written', rows: 12 });
  expect(uuidsIn(hospital.path)).toEqual(uuidsOf([maternityA.db, maternityB.db, surgery.db]));
});

/** The files in the export folder, and the content of `path`, to show that a refusal changed neither. */
function exportFolderState(path: string) {
  return { files: readdirSync(out.path).sort(), content: readFileSync(path, 'utf8') };
}

it("refuses a kiosk role's password, and a wrong one, before anything is written", async () => {
  const path = join(out.path, 'kept.csv');
  writeFileSync(path, 'what was here before\n');
  const before = exportFolderState(path);
  const own = storedCredentials(maternityA);
  for (const credentials of [
    { role: own.user, password: own.password },
    { role: reporter.role, password: 'not-the-password' },
    { role: 'nobody_at_all', password: reporter.password },
  ]) {
    for (const scope of ['unit', 'hospital'] as const) {
      const answer = await answerFleetExport(request(maternityA, { scope, reporter: credentials, path }));
      expect(answer, `${credentials.role} ${scope}`).toEqual({ status: 'refused' });
    }
  }
  expect(exportFolderState(path)).toEqual(before);
});

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

it('says unreachable, soon, when the hospital database cannot be reached, and not in a fleet outside one', async () => {
  const stored = storedCredentials(surgery);
  writeCredentials(surgery.folder, { ...stored, port: await closedPort() });
  const path = join(out.path, 'unreachable.csv');
  try {
    const started = performance.now();
    expect(await answerFleetExport(request(surgery, { scope: 'hospital', path }))).toEqual({ status: 'unreachable' });
    expect(performance.now() - started).toBeLessThan(2_000);
  } finally {
    writeCredentials(surgery.folder, stored);
  }
  const alone = createTestKiosk();
  kiosks.push(alone);
  expect(await answerFleetExport(request(alone, { path }))).toEqual({ status: 'not-in-fleet' });
  expect(existsSync(path)).toBe(false);
});

it("keeps the reporter's password out of the kiosk's audit log and its log, through the admin screen's call", async () => {
  const folder = makeTempFolder('fleet-export-core-');
  const logger = createFileLogger({ folder: join(folder.path, LOG_FOLDER), level: 'debug' });
  let core: KioskCore | undefined;
  try {
    const path = join(out.path, 'through-core.csv');
    core = openKioskCore({
      dataFolder: folder.path,
      logger,
      chooseExportFile: () => Promise.resolve(path),
      fleetExports: (db) => (asked) => answerFleetExport({ ...asked, db, dataFolder: folder.path, logger }),
    });
    await setUpWard(core, 'Front desk');
    const { enrolment } = await enrolKiosk(fleet.owner, 'Front desk', 'Surgery');
    await joinFleet({ db: core.db, dataFolder: folder.path, enrolment, clock: systemClock });
    const staffToken = await signInToken(core, '100', '1234');
    const ask = (password: string) =>
      callCore(core!, 'exportFleetUsage', {
        staffToken,
        scope: 'unit',
        from: '2026-03-01',
        to: '2026-04-30',
        reportingRole: reporter.role,
        reportingPassword: password,
      });
    const wrong = `${reporter.password}-wrong`;
    expect(await ask(wrong)).toEqual({ outcome: 'not-written', reason: 'refused' });
    expect(await ask(reporter.password)).toMatchObject({ outcome: 'written', rows: 4 });
    expect(uuidsIn(path)).toEqual(uuidsOf([surgery.db]));

    const audit = JSON.stringify(listAuditEntries(core.db));
    const log = readdirSync(join(folder.path, LOG_FOLDER))
      .map((file) => readFileSync(join(folder.path, LOG_FOLDER, file), 'utf8'))
      .join('\n');
    expect(audit).toContain(reporter.role);
    expect(log).toContain(`fleet export (unit) as ${reporter.role}: refused`);
    for (const text of [audit, log]) {
      expect(text).not.toContain(reporter.password);
      expect(text).not.toContain(wrong);
    }
  } finally {
    core?.close();
    folder.cleanup();
  }
});
