import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { KioskStatus } from '../shared/domain';
import { runFleetCommand } from './fleet-command';
import { systemClock } from '../main/core/clock';
import { openKioskCore, type KioskCore } from '../main/core/kiosk-core';
import type { KioskLogger } from '../main/core/logging/kiosk-logger';
import { listAuditEntries } from '../main/core/repositories/audit-log-repository';
import { commandStreams } from '../main/core/testing/command-streams';
import { callCore, setUpWard, signInToken } from '../main/core/testing/core-calls';
import { makeTempFolder } from '../main/core/testing/temp-folder';
import { openCentral, type ConnectionSettings } from '../main/fleet/central/connection-settings';
import { publishSettings } from '../main/fleet/central/published-settings';
import { connectionFlags } from '../main/fleet/testing/connection-flags';
import { fleetDatabaseForFile } from '../main/fleet/testing/fleet-database-for-file';
import { storedCredentials } from '../main/fleet/testing/joined-kiosk';
import { enrolKiosk } from '../main/fleet/testing/test-kiosk';
import { waitFor } from '../main/fleet/testing/wait-for';
import { joinFleet, leaveFleet } from '../main/fleet/kiosk/fleet-membership';
import {
  pullSettingsOnce,
  startSettingsPuller,
  startSettingsPullerIfJoined,
  type SettingsPullOptions,
} from '../main/fleet/kiosk/settings-puller';

const fleet = fleetDatabaseForFile();

/** A kiosk as the app opens it: a whole core on a real data folder, set up and joined to the test's fleet. */
interface Kiosk {
  folder: string;
  core: KioskCore;
  logged: string[];
  close(): void;
}

let kiosks: Kiosk[] = [];
let temp: ReturnType<typeof makeTempFolder>;
beforeEach(() => {
  temp = makeTempFolder('centre-settings-');
});
afterEach(() => {
  for (const kiosk of kiosks) kiosk.close();
  kiosks = [];
  temp.cleanup();
});

async function joinedKiosk(name: string, unit: string): Promise<Kiosk> {
  const folder = makeTempFolder('kiosk-settings-');
  const logged: string[] = [];
  const logger: KioskLogger = {
    error: (message) => logged.push(message),
    warn: (message) => logged.push(message),
    info: (message) => logged.push(message),
  };
  const core = openKioskCore({ dataFolder: folder.path, backups: false, logger });
  const kiosk: Kiosk = {
    folder: folder.path,
    core,
    logged,
    close() {
      kiosk.core.close();
      folder.cleanup();
    },
  };
  kiosks.push(kiosk);
  await setUpWard(core, name);
  const { enrolment } = await enrolKiosk(fleet.owner, name, unit);
  await joinFleet({ db: core.db, dataFolder: kiosk.folder, enrolment, clock: systemClock });
  return kiosk;
}

const credentialsOf = (kiosk: Kiosk): ConnectionSettings =>
  storedCredentials({ folder: kiosk.folder } as Parameters<typeof storedCredentials>[0]);

const pullOptions = (kiosk: Kiosk, connection = credentialsOf(kiosk)): SettingsPullOptions => ({
  connection,
  server: 'test',
  logger: { error: () => undefined },
  offer: (offer) => kiosk.core.offerCentreSettings(offer),
  connectTimeoutSeconds: 2,
});

/** What the kiosk's screen is told at its next status load. */
const status = (kiosk: Kiosk) => callCore<KioskStatus>(kiosk.core, 'getKioskStatus');

async function publish(doc: string, options: { unit?: string; user?: string; password?: string } = {}) {
  const file = join(temp.path, 'settings.json');
  writeFileSync(file, doc);
  const { stdin, stdout, stderr, output } = commandStreams();
  const code = await runFleetCommand(
    [
      'publish-settings',
      '--file',
      file,
      ...(options.unit ? ['--unit', options.unit] : []),
      ...connectionFlags(fleet.owner, options.user),
    ],
    { stdin, stdout, stderr, env: { PGPASSWORD: options.password ?? fleet.owner.password } },
  );
  return { code, ...output };
}

async function publishedCount(): Promise<number> {
  const sql = openCentral(fleet.owner);
  try {
    const [row] = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM fleet.published_settings');
    return row!.n;
  } finally {
    await sql.end();
  }
}

/** Puts a document at the centre as a tool that skips the checks would, with its true hash. */
async function publishUnchecked(doc: string, unit: string | null = null): Promise<void> {
  const sql = openCentral(fleet.owner);
  try {
    await publishSettings(sql, { unit, settings: doc, sha256: createHash('sha256').update(doc).digest('hex') });
  } finally {
    await sql.end();
  }
}

// Each test publishes for a unit of its own, so the hospital's newest document is the one thing tests share.

it('published once for the hospital: joined kiosks take it through their background pullers and use it at once', async () => {
  const west = await joinedKiosk('4 West', 'Publish A');
  const east = await joinedKiosk('5 East', 'Publish B');
  expect((await status(west)).nightSchedule).toEqual({ start: '21:00', end: '07:00' });

  const published = await publish(
    '{"nightSchedule": {"start": "20:00", "end": "06:30"}, "autoCloseAfterMinutes": 150}',
  );
  expect(published).toMatchObject({
    code: 0,
    out: /Published settings version \d+ for the whole hospital \(nightSchedule, autoCloseAfterMinutes\)/,
  });

  const pullers = [west, east].map((kiosk) =>
    startSettingsPullerIfJoined({
      ...pullOptions(kiosk),
      db: kiosk.core.db,
      dataFolder: kiosk.folder,
      firstAfterMs: 0,
      everyMs: 50,
    }),
  );
  await waitFor(async () => (await status(east)).nightSchedule.start === '20:00');
  await waitFor(async () => (await status(west)).nightSchedule.start === '20:00');
  await Promise.all(pullers.map((puller) => puller?.stop()));

  // In use without a restart, by main's own services too, and shown to the admin as the centre's.
  const token = await signInToken(west.core, '100', '1234');
  const settings = await callCore<{ autoCloseAfterMinutes: number; kioskName: string }>(west.core, 'getSettings', {
    staffToken: token,
  });
  expect(settings).toMatchObject({ autoCloseAfterMinutes: 150, kioskName: '4 West' });
  const centre = await callCore<{ sources: { unit: string | null; publishedBy: string }[]; keys: object }>(
    west.core,
    'getCentreSettings',
    { staffToken: token },
  );
  expect(centre.sources).toEqual([expect.objectContaining({ unit: null, publishedBy: fleet.owner.user })]);
  expect(Object.keys(centre.keys).sort()).toEqual(['autoCloseAfterMinutes', 'nightSchedule']);
  expect(listAuditEntries(west.core.db).map((entry) => entry.action)).toContain('centre-settings-accepted');

  // The kiosk's admin may still change its own settings, not the centre's.
  const refused = await west.core.dispatch('updateSettings', {
    staffToken: token,
    changes: { autoCloseAfterMinutes: 200 },
  });
  expect(refused).toMatchObject({ ok: false, error: { message: /autoCloseAfterMinutes is set by the hospital/ } });
  await callCore(west.core, 'updateSettings', { staffToken: token, changes: { chimeVolume: 40 } });
  expect((await status(west)).chimeVolume).toBe(40);
});

it("a unit's settings win over the hospital's on that unit's kiosks only", async () => {
  const nicu = await joinedKiosk('NICU 1', 'NICU');
  const other = await joinedKiosk('Ward 2', 'Ward');
  expect(await publish('{"signOutAfterSeconds": 300, "phoneExtension": "4400"}')).toMatchObject({ code: 0 });
  expect(await publish('{"phoneExtension": "5511"}', { unit: 'NICU' })).toMatchObject({
    code: 0,
    out: /for unit NICU \(phoneExtension\)/,
  });

  expect(await pullSettingsOnce(pullOptions(nicu))).toMatchObject({ status: 'accepted' });
  expect(await pullSettingsOnce(pullOptions(other))).toMatchObject({ status: 'accepted', unit: null });
  const { stdin, stdout, stderr, output } = commandStreams();
  expect(await runFleetCommand(['status', '--data-dir', nicu.folder], { stdin, stdout, stderr, env: {} })).toBe(0);
  expect(output.out).toMatch(
    /Settings: hospital version \d+ and unit NICU version \d+ from the centre, in use \(signOutAfterSeconds, phoneExtension\)/,
  );
  expect(await status(nicu)).toMatchObject({ phoneExtension: '5511', signOutAfterSeconds: 300 });
  expect(await status(other)).toMatchObject({ phoneExtension: '4400', signOutAfterSeconds: 300 });
  // Nothing new: nothing is written or audited again.
  const audited = listAuditEntries(nicu.core.db).length;
  expect(await pullSettingsOnce(pullOptions(nicu))).toMatchObject({ status: 'current' });
  expect(listAuditEntries(nicu.core.db)).toHaveLength(audited);
});

it('a bad settings file is refused by the command before anything is published', async () => {
  const before = await publishedCount();
  expect(await publish('{"autoCloseAfterMinutes": 5}')).toMatchObject({
    code: 1,
    err: /The settings were not published: autoCloseAfterMinutes: .*30/,
  });
  expect(await publish('{"kioskName": "Everywhere"}')).toMatchObject({
    code: 1,
    err: /kioskName: set on each kiosk, never from the centre/,
  });
  expect(await publish('{"autoCloseAfterMinute": 120}')).toMatchObject({
    code: 1,
    err: /autoCloseAfterMinute: not a setting/,
  });
  expect(await publish('{"languages": ["es"], "defaultLanguage": "en"}')).toMatchObject({
    code: 1,
    err: /defaultLanguage must be one of languages/,
  });
  expect(await publish('{"timeZone": ')).toMatchObject({ code: 1, err: /not JSON/ });
  expect(await publish('{}')).toMatchObject({ code: 1, err: /no settings given/ });
  expect(await publish('{"signOutAfterSeconds": 60}', { unit: ' ' })).toMatchObject({ code: 2, err: /--unit must/ });
  expect(await publishedCount()).toBe(before);
});

it('a document broken, changed or with an unknown key at the centre is refused, audited and logged; the settings in use stay', async () => {
  const kiosk = await joinedKiosk('Refusing', 'Refusals');
  expect(await publish('{"attractIntervalSeconds": 20}', { unit: 'Refusals' })).toMatchObject({ code: 0 });
  expect(await pullSettingsOnce(pullOptions(kiosk))).toMatchObject({ status: 'accepted' });
  expect((await status(kiosk)).attractIntervalSeconds).toBe(20);

  const refusals: [string, RegExp][] = [
    ['{"attractIntervalSeconds": 2}', /attractIntervalSeconds: .*6/],
    ['{"attractIntervalSeconds": 30, "shutdownAt": "now"}', /shutdownAt: not a setting/],
    ['{"attractIntervalSeconds": 30, "kioskName": "Taken over"}', /kioskName: set on each kiosk/],
    ['{"helpText": {"en": "Call 4400"}}', /helpText\.es/],
  ];
  for (const [doc, reason] of refusals) {
    await publishUnchecked(doc, 'Refusals');
    expect(await pullSettingsOnce(pullOptions(kiosk))).toMatchObject({ status: 'refused', reason });
    expect((await status(kiosk)).attractIntervalSeconds).toBe(20);
  }

  // Changed at the centre after publishing: its text no longer matches its hash.
  expect(await publish('{"attractIntervalSeconds": 40}', { unit: 'Refusals' })).toMatchObject({ code: 0 });
  const owner = openCentral(fleet.owner);
  try {
    await owner.query(
      `UPDATE fleet.published_settings SET settings = '{"attractIntervalSeconds": 90}'
       WHERE version = (SELECT max(version) FROM fleet.published_settings)`,
    );
  } finally {
    await owner.end();
  }
  expect(await pullSettingsOnce(pullOptions(kiosk))).toMatchObject({ status: 'refused', reason: /SHA-256/ });
  expect((await status(kiosk)).attractIntervalSeconds).toBe(20);

  const refusedEntries = listAuditEntries(kiosk.core.db).filter((entry) => entry.action === 'centre-settings-refused');
  expect(refusedEntries).toHaveLength(refusals.length + 1);
  expect(kiosk.logged.filter((line) => /refused the centre's settings/.test(line))).toHaveLength(refusals.length + 1);

  // A fixed document is taken.
  expect(await publish('{"attractIntervalSeconds": 30}', { unit: 'Refusals' })).toMatchObject({ code: 0 });
  expect(await pullSettingsOnce(pullOptions(kiosk))).toMatchObject({ status: 'accepted' });
  expect((await status(kiosk)).attractIntervalSeconds).toBe(30);
});

it("a kiosk's own credentials cannot publish settings", async () => {
  const kiosk = await joinedKiosk('Intruder', 'Intruders');
  const before = await publishedCount();
  const { user, password } = credentialsOf(kiosk);
  expect(await publish('{"badgeNeedsPin": false}', { user, password })).toMatchObject({
    code: 1,
    err: /permission denied for table published_settings/,
  });
  expect(await publishedCount()).toBe(before);
});

it('offline, a kiosk keeps the last settings it saw, warns once and takes new ones when the centre answers', async () => {
  const kiosk = await joinedKiosk('Far away', 'Offline');
  expect(await publish('{"cleaningStepEnabled": false}', { unit: 'Offline' })).toMatchObject({ code: 0 });
  expect(await pullSettingsOnce(pullOptions(kiosk))).toMatchObject({ status: 'accepted' });
  expect(await publish('{"cleaningStepEnabled": true}', { unit: 'Offline' })).toMatchObject({ code: 0 });

  // A port nothing listens on: the centre is unreachable.
  const closed = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
  const offline = { ...credentialsOf(kiosk), port: closed };
  await expect(pullSettingsOnce(pullOptions(kiosk, offline))).rejects.toThrow();
  const warned: string[] = [];
  const puller = startSettingsPuller({
    ...pullOptions(kiosk, offline),
    logger: { error: (message) => warned.push(message), warn: (message) => warned.push(message) },
    firstAfterMs: 0,
    everyMs: 30,
  });
  await waitFor(() => warned.length > 0);
  // Several looks fail, with the backoff between them; still one warning.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await puller.stop();
  expect(warned).toEqual([expect.stringMatching(/could not look for the centre’s settings.*the settings in use stay/)]);
  expect((await status(kiosk)).cleaningStepEnabled).toBe(false);

  // A restart offline changes nothing either: the settings are in the kiosk's own database.
  kiosk.core.close();
  const reopened = openKioskCore({ dataFolder: kiosk.folder, backups: false });
  kiosk.core = reopened;
  expect((await status(kiosk)).cleaningStepEnabled).toBe(false);
  expect(await pullSettingsOnce(pullOptions(kiosk))).toMatchObject({ status: 'accepted' });
  expect((await status(kiosk)).cleaningStepEnabled).toBe(true);
});

it('a kiosk that leaves the fleet keeps the settings it had, now as its own', async () => {
  const kiosk = await joinedKiosk('Leaving', 'Leavers');
  expect(await publish('{"fleetWarningAfterMinutes": 45}', { unit: 'Leavers' })).toMatchObject({ code: 0 });
  expect(await pullSettingsOnce(pullOptions(kiosk))).toMatchObject({ status: 'accepted' });
  // Its audit entries were not delivered in this test: it leaves anyway.
  leaveFleet({ db: kiosk.core.db, dataFolder: kiosk.folder, discardUndelivered: true });
  const token = await signInToken(kiosk.core, '100', '1234');
  expect(await callCore(kiosk.core, 'getCentreSettings', { staffToken: token })).toBeNull();
  const changed = await callCore<{ fleetWarningAfterMinutes: number; autoCloseAfterMinutes: number }>(
    kiosk.core,
    'updateSettings',
    { staffToken: token, changes: { autoCloseAfterMinutes: 240 } },
  );
  expect(changed).toMatchObject({ fleetWarningAfterMinutes: 45, autoCloseAfterMinutes: 240 });
});

it('the background puller refuses a broken document once, then takes the next good one', async () => {
  const kiosk = await joinedKiosk('Once', 'Once');
  await publishUnchecked('{"signOutAfterSeconds": 5}', 'Once');
  const puller = startSettingsPuller({ ...pullOptions(kiosk), firstAfterMs: 0, everyMs: 30 });
  const refusals = () =>
    listAuditEntries(kiosk.core.db).filter((entry) => entry.action === 'centre-settings-refused').length;
  try {
    await waitFor(() => refusals() === 1);
    // Many looks later, still audited once.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(refusals()).toBe(1);
    expect(await publish('{"signOutAfterSeconds": 45}', { unit: 'Once' })).toMatchObject({ code: 0 });
    await waitFor(async () => (await status(kiosk)).signOutAfterSeconds === 45);
  } finally {
    await puller.stop();
  }
});
