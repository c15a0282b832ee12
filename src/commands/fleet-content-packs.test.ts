import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ContentPack } from '../shared/content-types';
import { LANGUAGES } from '../shared/domain';
import { runFleetCommand } from './fleet-command';
import { systemClock } from '../main/core/clock';
import { openKioskCore, type KioskCore } from '../main/core/kiosk-core';
import type { KioskLogger } from '../main/core/logging/kiosk-logger';
import { listAuditEntries } from '../main/core/repositories/audit-log-repository';
import { commandStreams } from '../main/core/testing/command-streams';
import { callCore } from '../main/core/testing/core-calls';
import { writeFile } from '../main/core/testing/content-files';
import { packWithoutSteps, tipsPack } from '../main/core/testing/published-packs';
import { makeTempFolder } from '../main/core/testing/temp-folder';
import { openCentral, type ConnectionSettings } from '../main/fleet/central/connection-settings';
import { publishContentPack } from '../main/fleet/central/content-packs';
import { connectionFlags } from '../main/fleet/testing/connection-flags';
import { fleetDatabaseForFile } from '../main/fleet/testing/fleet-database-for-file';
import { storedCredentials } from '../main/fleet/testing/joined-kiosk';
import { enrolKiosk } from '../main/fleet/testing/test-kiosk';
import { waitFor } from '../main/fleet/testing/wait-for';
import {
  pullContentOnce,
  startContentPuller,
  startContentPullerIfJoined,
  type ContentPullOptions,
} from '../main/fleet/kiosk/content-puller';
import { writeCredentials } from '../main/fleet/kiosk/fleet-credentials';
import { joinFleet } from '../main/fleet/kiosk/fleet-membership';

const fleet = fleetDatabaseForFile();

/** A kiosk as the app opens it: a whole core on a real data folder, joined to the test's fleet. */
interface Kiosk {
  folder: string;
  core: KioskCore;
  logged: string[];
  /** Closes the core and opens the same data folder again: the kiosk's next start. */
  restart(): void;
  close(): void;
}

let kiosks: Kiosk[] = [];
let temp: ReturnType<typeof makeTempFolder>;
beforeEach(() => {
  temp = makeTempFolder('content-pack-');
});
afterEach(() => {
  for (const kiosk of kiosks) kiosk.close();
  kiosks = [];
  temp.cleanup();
});

async function joinedKiosk(name: string): Promise<Kiosk> {
  const folder = makeTempFolder('kiosk-content-');
  const logged: string[] = [];
  const logger: KioskLogger = {
    error: (message) => logged.push(message),
    warn: (message) => logged.push(message),
    info: (message) => logged.push(message),
  };
  const open = () => openKioskCore({ dataFolder: folder.path, backups: false, logger });
  const kiosk: Kiosk = {
    folder: folder.path,
    core: open(),
    logged,
    restart() {
      kiosk.core.close();
      kiosk.core = open();
    },
    close() {
      kiosk.core.close();
      folder.cleanup();
    },
  };
  kiosks.push(kiosk);
  const { enrolment } = await enrolKiosk(fleet.owner, name);
  await joinFleet({ db: kiosk.core.db, dataFolder: kiosk.folder, enrolment, clock: systemClock });
  return kiosk;
}

const pullOptions = (
  kiosk: Kiosk,
  connection: ConnectionSettings = storedCredentialsOf(kiosk),
): ContentPullOptions => ({
  connection,
  server: 'test',
  logger: { error: () => undefined },
  offer: (offer) => kiosk.core.offerContentPack(offer),
  storedVersion: () => kiosk.core.publishedContent().stored,
  connectTimeoutSeconds: 2,
});

function storedCredentialsOf(kiosk: Kiosk): ConnectionSettings {
  return storedCredentials({ folder: kiosk.folder } as Parameters<typeof storedCredentials>[0]);
}

async function publish(pack: string, user?: { user: string; password: string }) {
  const file = join(temp.path, 'pack.json');
  writeFileSync(file, pack);
  return publishPath(file, user);
}

async function publishPath(file: string, user?: { user: string; password: string }) {
  const { stdin, stdout, stderr, output } = commandStreams();
  const code = await runFleetCommand(['publish-content', file, ...connectionFlags(fleet.owner, user?.user)], {
    stdin,
    stdout,
    stderr,
    env: { PGPASSWORD: user?.password ?? fleet.owner.password },
  });
  return { code, ...output };
}

const firstTip = async (kiosk: Kiosk, language: 'en' | 'es') =>
  (await callCore<ContentPack>(kiosk.core, 'getContent', { language })).tips[0]?.body;

async function publishedCount(): Promise<number> {
  const sql = openCentral(fleet.owner);
  try {
    const [row] = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM fleet.content_packs');
    return row!.n;
  } finally {
    await sql.end();
  }
}

it('publish once: every joined kiosk takes the pack through its background puller and shows it from its next start', async () => {
  const west = await joinedKiosk('4 West');
  const east = await joinedKiosk('5 East');
  const builtIn = await firstTip(west, 'en');
  const published = await publish(tipsPack('Drink a glass of water first.'));
  expect(published).toMatchObject({
    code: 0,
    out: /Published content pack version \d+ \(en\/tips, es\/tips; SHA-256 [0-9a-f]{64}\)/,
  });

  const pullers = [west, east].map((kiosk) =>
    startContentPullerIfJoined({
      ...pullOptions(kiosk),
      db: kiosk.core.db,
      dataFolder: kiosk.folder,
      firstAfterMs: 0,
      everyMs: 50,
    }),
  );
  await waitFor(() => west.core.publishedContent().stored !== null && east.core.publishedContent().stored !== null);
  await Promise.all(pullers.map((puller) => puller?.stop()));
  // Until the next start the kiosk shows what it started with.
  expect(await firstTip(west, 'en')).toBe(builtIn);

  for (const kiosk of [west, east]) {
    kiosk.restart();
    for (const language of LANGUAGES) {
      expect(await firstTip(kiosk, language)).toBe(`${language}: Drink a glass of water first.`);
    }
    expect(listAuditEntries(kiosk.core.db).map((entry) => entry.action)).toContain('content-pack-accepted');
  }
});

it('a broken pack is refused by the command before anything is published', async () => {
  const before = await publishedCount();
  const refused = await publish(packWithoutSteps());
  expect(refused).toMatchObject({
    code: 1,
    err: /The content pack was not published: en\/guides: guides\[0\]\.steps: a guide has 3 to 5 steps/,
  });
  expect(await publishedCount()).toBe(before);
  expect(await publish('{"en": {"tips": ')).toMatchObject({ code: 1, err: /not valid JSON/ });
  expect(await publishedCount()).toBe(before);
  expect(await publishPath('--host')).toMatchObject({ code: 2, err: /publish-content needs a pack/ });
  expect(await publishPath(join(temp.path, 'missing.json'))).toMatchObject({ code: 1, err: /Cannot read .*ENOENT/ });
  expect(await publishedCount()).toBe(before);
});

it('a pack that reaches a kiosk broken or changed is refused, audited and logged; the accepted one stays', async () => {
  const kiosk = await joinedKiosk('NICU');
  expect(await publish(tipsPack('Accepted first.'))).toMatchObject({ code: 0 });
  expect(await pullContentOnce(pullOptions(kiosk))).toMatchObject({ status: 'accepted' });

  // Published by another tool that skipped the checks: the kiosk checks for itself.
  const owner = openCentral(fleet.owner);
  try {
    const broken = packWithoutSteps();
    await publishContentPack(owner, { pack: broken, sha256: createHash('sha256').update(broken).digest('hex') });
    expect(await pullContentOnce(pullOptions(kiosk))).toMatchObject({
      status: 'refused',
      reason: /a guide has 3 to 5 steps/,
    });

    // A pack changed at the centre after it was published: its text no longer matches its hash.
    const changed = await publish(tipsPack('Published.'));
    expect(changed.code).toBe(0);
    await owner.query(
      "UPDATE fleet.content_packs SET pack = replace(pack, 'Published.', 'Changed.') WHERE version = (SELECT max(version) FROM fleet.content_packs)",
    );
    const refused = await pullContentOnce(pullOptions(kiosk));
    expect(refused).toMatchObject({ status: 'refused', reason: /SHA-256 does not match/ });
  } finally {
    await owner.end();
  }
  const audits = listAuditEntries(kiosk.core.db).filter((entry) => entry.action.startsWith('content-pack'));
  expect(audits.map((entry) => entry.action)).toEqual([
    'content-pack-refused',
    'content-pack-refused',
    'content-pack-accepted',
  ]);
  expect(kiosk.logged.filter((line) => line.startsWith('content: refused'))).toHaveLength(2);

  kiosk.restart();
  for (const language of LANGUAGES) expect(await firstTip(kiosk, language)).toBe(`${language}: Accepted first.`);
  const { stdin, stdout, stderr, output } = commandStreams();
  kiosk.core.close();
  expect(await runFleetCommand(['status', '--data-dir', kiosk.folder], { stdin, stdout, stderr, env: {} })).toBe(0);
  kiosk.restart();
  const stored = kiosk.core.publishedContent().stored;
  expect(output.out).toContain(`Content pack: version ${stored} from the centre`);
});

it('the background puller refuses a broken version once, then takes the next good one', async () => {
  const kiosk = await joinedKiosk('Once');
  const owner = openCentral(fleet.owner);
  try {
    const broken = packWithoutSteps();
    await publishContentPack(owner, { pack: broken, sha256: createHash('sha256').update(broken).digest('hex') });
  } finally {
    await owner.end();
  }
  const refusals = () => listAuditEntries(kiosk.core.db).filter((entry) => entry.action === 'content-pack-refused');
  const puller = startContentPullerIfJoined({
    ...pullOptions(kiosk),
    db: kiosk.core.db,
    dataFolder: kiosk.folder,
    firstAfterMs: 0,
    everyMs: 20,
  });
  try {
    await waitFor(() => refusals().length > 0);
    // Many more looks at the centre: the refused version is not taken again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(refusals()).toHaveLength(1);
    expect(await publish(tipsPack('Fixed.'))).toMatchObject({ code: 0 });
    await waitFor(() => kiosk.core.publishedContent().stored !== null);
  } finally {
    await puller?.stop();
  }
  expect(refusals()).toHaveLength(1);
  kiosk.restart();
  expect(await firstTip(kiosk, 'en')).toBe('en: Fixed.');
});

it('a pack the kiosk could not keep (its disk full) is logged and taken at a later look', async () => {
  const kiosk = await joinedKiosk('Full disk');
  expect(await publish(tipsPack('After the disk.'))).toMatchObject({ code: 0 });
  const errors: string[] = [];
  let diskFull = true;
  const puller = startContentPuller({
    ...pullOptions(kiosk),
    logger: { error: (message) => errors.push(message) },
    offer: (offer) => {
      if (diskFull) {
        diskFull = false;
        throw new Error('ENOSPC: no space left on device');
      }
      return kiosk.core.offerContentPack(offer);
    },
    firstAfterMs: 0,
    everyMs: 20,
  });
  await waitFor(() => kiosk.core.publishedContent().stored !== null);
  await puller.stop();
  expect(errors).toEqual([expect.stringMatching(/could not keep content pack version \d+/)]);
});

it('offline, the kiosk keeps the last accepted pack and says so once', async () => {
  const kiosk = await joinedKiosk('Offline');
  expect(await publish(tipsPack('Kept offline.'))).toMatchObject({ code: 0 });
  expect(await pullContentOnce(pullOptions(kiosk))).toMatchObject({ status: 'accepted' });

  // A port nothing listens on: the centre is unreachable.
  const closed = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
  const offline = { ...storedCredentialsOf(kiosk), port: closed };
  writeCredentials(kiosk.folder, offline);
  await expect(pullContentOnce(pullOptions(kiosk))).rejects.toThrow(/ECONNREFUSED/);
  const warnings: string[] = [];
  const puller = startContentPullerIfJoined({
    ...pullOptions(kiosk),
    logger: { error: () => undefined, warn: (message) => warnings.push(message) },
    db: kiosk.core.db,
    dataFolder: kiosk.folder,
    firstAfterMs: 0,
    everyMs: 20,
  });
  await waitFor(() => warnings.length > 0);
  await new Promise((resolve) => setTimeout(resolve, 200));
  await puller?.stop();
  expect(warnings).toEqual([
    expect.stringMatching(/could not look for a new content pack.*the content shown now stays/),
  ]);

  kiosk.restart();
  expect(await firstTip(kiosk, 'es')).toBe('es: Kept offline.');
});

it("publishes a folder laid out like a kiosk's overrides, and refuses one with a stray file", async () => {
  const folder = join(temp.path, 'pack');
  const pack = JSON.parse(tipsPack('From a folder.')) as Record<string, Record<string, unknown>>;
  for (const language of LANGUAGES) writeFile(folder, `${language}/tips.json`, pack[language]!.tips);
  const kiosk = await joinedKiosk('Folder');
  expect(await publishPath(folder)).toMatchObject({ code: 0 });
  expect(await pullContentOnce(pullOptions(kiosk))).toMatchObject({ status: 'accepted' });
  kiosk.restart();
  expect(await firstTip(kiosk, 'es')).toBe('es: From a folder.');

  const before = await publishedCount();
  writeFile(folder, 'en/notes.txt', 'draft');
  expect(await publishPath(folder)).toMatchObject({
    code: 1,
    err: /notes\.txt: a language folder holds only section files/,
  });
  expect(await publishedCount()).toBe(before);
});

it("a kiosk's own credentials cannot publish", async () => {
  const kiosk = await joinedKiosk('Not a publisher');
  const before = await publishedCount();
  const credentials = storedCredentialsOf(kiosk);
  const refused = await publish(tipsPack('From a kiosk.'), credentials);
  expect(refused).toMatchObject({ code: 1, err: /permission denied for table content_packs/ });
  expect(await publishedCount()).toBe(before);
});
