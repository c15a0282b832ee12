import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFleetTestDatabase, type FleetTestDatabase } from '../../testing/fleet-test-database';
import { migrateCentral } from '../central-migrate';
import type { CentralConnection } from '../central-connection';
import { openCentral } from '../connection-settings';
import { publishContentPack, readNewestContentPack } from '../content-packs';
import { fleetRoles, quoteIdentifier } from '../fleet-roles';
import { addKiosk } from '../kiosk-registry';
import { fleetSchema } from './001-fleet-schema';
import { dailyTotals } from './002-daily-totals';
import { CENTRAL_MIGRATIONS } from './index';

let fleet: FleetTestDatabase;
let owner: CentralConnection;
let kiosk: CentralConnection;
let publisher: CentralConnection;
let reporter: CentralConnection;
let publisherLogin: string;

const packOf = (text: string) => ({ pack: text, sha256: createHash('sha256').update(text).digest('hex') });

beforeAll(async () => {
  fleet = await createFleetTestDatabase();
  owner = openCentral(fleet.owner);
  // A fleet made before content packs existed, upgraded.
  await migrateCentral(owner, [fleetSchema, dailyTotals]);
  await owner.query("INSERT INTO fleet.kiosks (kiosk_id, name) VALUES ('k_old', 'Delivered before')");
  expect(await migrateCentral(owner)).toMatchObject({ from: 2, to: CENTRAL_MIGRATIONS.at(-1)!.version });
  const roles = fleetRoles(fleet.owner.database);
  const added = await addKiosk(owner, { name: '4 West', unit: 'Maternity' });
  kiosk = openCentral({ ...fleet.owner, user: added.kioskId, password: added.password });
  publisherLogin = `${roles.publisher}_lc`;
  await owner.query(
    `CREATE ROLE ${quoteIdentifier(publisherLogin)} LOGIN PASSWORD 'publisher-pw' IN ROLE ${quoteIdentifier(roles.publisher)}`,
  );
  publisher = openCentral({ ...fleet.owner, user: publisherLogin, password: 'publisher-pw' });
  const reportingLogin = `${roles.reporting}_q`;
  await owner.query(
    `CREATE ROLE ${quoteIdentifier(reportingLogin)} LOGIN PASSWORD 'reporting-pw' IN ROLE ${quoteIdentifier(roles.reporting)}`,
  );
  reporter = openCentral({ ...fleet.owner, user: reportingLogin, password: 'reporting-pw' });
});
afterAll(async () => {
  await Promise.all([owner, kiosk, publisher, reporter].map((sql) => sql?.end()));
  await fleet.drop();
});

it('keeps each published pack with its hash, its publisher and a rising version; the newest is read', async () => {
  const first = await publishContentPack(owner, packOf('{"en":{}}'));
  const second = await publishContentPack(publisher, packOf('{"es": {}}'));
  expect(second.version).toBeGreaterThan(first.version);
  expect([first.publishedBy, second.publishedBy]).toEqual([fleet.owner.user, publisherLogin]);
  // The exact text, spacing included: the hash is over these bytes.
  expect(await readNewestContentPack(kiosk, 0)).toMatchObject({ version: second.version, ...packOf('{"es": {}}') });
  expect(await readNewestContentPack(kiosk, second.version)).toBeNull();
  expect(await readNewestContentPack(reporter, 0)).toMatchObject({ version: second.version });
});

it('refuses a kiosk every change to the packs: it only reads them', async () => {
  const [{ version }] = (await owner.query<{ version: string }>(
    'SELECT max(version)::text AS version FROM fleet.content_packs',
  )) as [{ version: string }];
  const { pack, sha256 } = packOf('{"en":{"tips":{}}}');
  await expect(publishContentPack(kiosk, { pack, sha256 })).rejects.toThrow(
    /permission denied for table content_packs/,
  );
  await expect(kiosk.execute("UPDATE fleet.content_packs SET pack = '{}'")).rejects.toThrow(/permission denied/);
  await expect(kiosk.execute('DELETE FROM fleet.content_packs')).rejects.toThrow(/permission denied/);
  await expect(kiosk.execute('TRUNCATE fleet.content_packs')).rejects.toThrow(/permission denied/);
  await expect(publishContentPack(reporter, { pack, sha256 })).rejects.toThrow(/permission denied/);
  const [{ newest }] = (await owner.query<{ newest: string }>(
    'SELECT max(version)::text AS newest FROM fleet.content_packs',
  )) as [{ newest: string }];
  expect(newest).toBe(version);
});

it('lets a publisher add packs but not rewrite, remove or sign them in another name', async () => {
  await expect(publisher.execute("UPDATE fleet.content_packs SET pack = '{}'")).rejects.toThrow(/permission denied/);
  await expect(publisher.execute('DELETE FROM fleet.content_packs')).rejects.toThrow(/permission denied/);
  const { pack, sha256 } = packOf('{}');
  await expect(
    publisher.execute('INSERT INTO fleet.content_packs (pack, sha256, published_by) VALUES ($1, $2, $3)', [
      pack,
      sha256,
      fleet.owner.user,
    ]),
  ).rejects.toThrow(/permission denied/);
});

it('refuses a pack that is not JSON or a hash that is not one', async () => {
  await expect(publishContentPack(owner, { pack: '{"en": ', sha256: packOf('x').sha256 })).rejects.toThrow(/json/i);
  await expect(publishContentPack(owner, { pack: '{}', sha256: 'not-a-hash' })).rejects.toThrow(/sha256_check/);
});
