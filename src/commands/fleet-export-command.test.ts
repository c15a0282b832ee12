import { existsSync, readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../main/core/clock';
import { saveSettings } from '../main/core/services/settings-service';
import { makeTempFolder } from '../main/core/testing/temp-folder';
import { migrateCentral } from '../main/fleet/central/central-migrate';
import { openCentral } from '../main/fleet/central/connection-settings';
import { readCredentials } from '../main/fleet/kiosk/fleet-credentials';
import { createDelivery } from '../main/fleet/kiosk/fleet-delivery';
import { joinFleet } from '../main/fleet/kiosk/fleet-membership';
import { createFleetTestDatabase, type FleetTestDatabase } from '../main/fleet/testing/fleet-test-database';
import { createTestKiosk, enrolKiosk, type TestKiosk } from '../main/fleet/testing/test-kiosk';
import { runExportCommand } from './export-command';
import { runFleetCommand } from './fleet-command';

const ZONE = 'America/New_York';
const RANGE = ['--from', '2026-03-31', '--to', '2026-04-02'];
let fleet: FleetTestDatabase;
let out: ReturnType<typeof makeTempFolder>;
const kiosks: { name: string; kiosk: TestKiosk; kioskId: string; password: string }[] = [];
const REPORTER = { user: '', password: '' };

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const [stdout, stderr] = [new PassThrough(), new PassThrough()];
  const chunks = { out: '', err: '' };
  stdout.on('data', (chunk) => (chunks.out += String(chunk)));
  stderr.on('data', (chunk) => (chunks.err += String(chunk)));
  const code = await runExportCommand(argv, { stdin: new PassThrough(), stdout, stderr, env });
  return { code, ...chunks };
}

const connection = (user: string) => [
  '--host',
  fleet.owner.host,
  '--port',
  String(fleet.owner.port),
  '--database',
  fleet.owner.database,
  '--user',
  user,
  '--tls',
  'disable',
];

beforeAll(async () => {
  fleet = await createFleetTestDatabase();
  out = makeTempFolder('fleet-export-');
  const owner = openCentral(fleet.owner);
  await migrateCentral(owner);
  await owner.end();
  // The reporter is made as IT would: `fleet add-reporter`, with the owner's credentials.
  const [stdout, stderr, stdin] = [new PassThrough(), new PassThrough(), new PassThrough()];
  let made = '';
  stdout.on('data', (chunk) => (made += String(chunk)));
  stderr.resume();
  const code = await runFleetCommand(['add-reporter', ...connection(fleet.owner.user), '--name', 'it'], {
    stdin,
    stdout,
    stderr,
    env: { PGPASSWORD: fleet.owner.password },
  });
  expect(code).toBe(0);
  REPORTER.user = /role (\S+):/.exec(made)![1]!;
  REPORTER.password = made.trim().split('\n').at(-1)!;
  for (const [name, visits] of [
    ['4 West', 5],
    ['5 East, "annex"', 3],
    ['=NICU', 4],
  ] as const) {
    const kiosk = createTestKiosk();
    saveSettings(kiosk.db, { timeZone: ZONE });
    kiosk.writeVisits(visits, { open: name === '4 West' });
    const { kioskId, enrolment } = await enrolKiosk(fleet.owner, name);
    await joinFleet({ db: kiosk.db, dataFolder: kiosk.folder, enrolment, clock: systemClock });
    const credentials = readCredentials(kiosk.folder);
    if ('problem' in credentials) throw new Error(credentials.problem);
    const delivery = createDelivery({
      db: kiosk.db,
      connection: credentials,
      kioskId,
      server: 'test',
      clock: systemClock,
      logger: { error: () => undefined, warn: () => undefined, info: () => undefined },
    });
    while ((await delivery.deliverBatch()).entries > 0);
    await delivery.close();
    kiosks.push({ name, kiosk, kioskId, password: credentials.password });
  }
}, 60_000);
afterAll(async () => {
  for (const { kiosk } of kiosks) kiosk.close();
  out?.cleanup();
  await fleet?.drop();
});

const records = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .slice(0, -1);

it('writes every kiosk’s sessions as the union of their single-kiosk CSVs, with the kiosk’s name first', async () => {
  const expected: string[] = [];
  let header = '';
  for (const { name, kiosk } of kiosks) {
    const file = `${out.path}/kiosk-${kiosks.indexOf(kiosks.find((k) => k.kiosk === kiosk)!)}.csv`;
    expect(await run(['--data-dir', kiosk.folder, ...RANGE, '--out', file])).toMatchObject({ code: 0 });
    const [head, ...rows] = records(readFileSync(file, 'utf8'));
    header = head!;
    const quotedName = name.startsWith('=') ? `"'${name}"` : `"${name.replaceAll('"', '""')}"`;
    expected.push(...rows.map((row) => `${quotedName},${row}`));
  }
  const fleetFile = `${out.path}/fleet.csv`;
  const result = await run(
    ['--fleet', ...RANGE, '--time-zone', ZONE, '--out', fleetFile, ...connection(REPORTER.user)],
    {
      PGPASSWORD: REPORTER.password,
    },
  );
  expect(result).toMatchObject({ code: 0, out: /Wrote 12 sessions of every kiosk/ });
  const text = readFileSync(fleetFile, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [head, ...rows] = records(text);
  expect(head).toBe(`"kiosk",${header}`);
  expect(rows).toHaveLength(12);
  expect(rows.slice().sort()).toEqual(expected.slice().sort());
  // Start order across kiosks, as the single-kiosk file is in start order.
  const starts = rows.map((row) => /"(\d{4}-\d\d-\d\dT[^"]+)"/.exec(row)![1]!);
  expect(starts).toEqual(starts.slice().sort());
});

it('refuses a kiosk’s own credentials with a clear message, and writes no file', async () => {
  const [{ kioskId, password }] = kiosks as [(typeof kiosks)[number]];
  const file = `${out.path}/as-kiosk.csv`;
  // --data-dir as the installed app adds it to every command: accepted and ignored.
  const argv = ['--fleet', ...RANGE, '--time-zone', ZONE, '--out', file, '--data-dir', out.path];
  const result = await run([...argv, ...connection(kioskId)], {
    PGPASSWORD: password,
  });
  expect(result).toMatchObject({ code: 1, err: /may not read every kiosk's rows.*fleet export is refused/ });
  expect(existsSync(file)).toBe(false);
});

it('says what is wrong with bad usage, before connecting', async () => {
  expect(await run(['--fleet', ...RANGE, '--out', `${out.path}/x.csv`, '--time-zone', 'Mars/Olympus'])).toMatchObject({
    code: 2,
    err: /--time-zone must be an IANA time zone/,
  });
  expect(await run(['--fleet', '--from', '2026-04-02', '--to', '2026-04-01', '--out', 'x.csv'])).toMatchObject({
    code: 2,
    err: /is after/,
  });
});
