import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFleetTestDatabase, type FleetTestDatabase } from '../../testing/fleet-test-database';
import { migrateCentral } from '../central-migrate';
import type { CentralConnection } from '../central-connection';
import { openCentral } from '../connection-settings';
import { fleetRoles, quoteIdentifier } from '../fleet-roles';
import { addKiosk } from '../kiosk-registry';
import { publishSettings, readSettingsForKiosk } from '../published-settings';
import { CENTRAL_MIGRATIONS } from './index';

let fleet: FleetTestDatabase;
let owner: CentralConnection;
let west: CentralConnection;
let noUnit: CentralConnection;
let publisher: CentralConnection;
let reporter: CentralConnection;
let publisherLogin: string;

const docOf = (text: string, unit: string | null = null) => ({
  unit,
  settings: text,
  sha256: createHash('sha256').update(text).digest('hex'),
});

async function kioskConnection(name: string, unit: string | null): Promise<CentralConnection> {
  const added = await addKiosk(owner, { name, unit });
  return openCentral({ ...fleet.owner, user: added.kioskId, password: added.password });
}

beforeAll(async () => {
  fleet = await createFleetTestDatabase();
  owner = openCentral(fleet.owner);
  // A fleet made before published settings existed, upgraded.
  await migrateCentral(
    owner,
    CENTRAL_MIGRATIONS.filter((step) => step.version < 9),
  );
  expect(await migrateCentral(owner)).toMatchObject({ from: 8, to: CENTRAL_MIGRATIONS.at(-1)!.version });
  const roles = fleetRoles(fleet.owner.database);
  west = await kioskConnection('4 West', 'Maternity');
  noUnit = await kioskConnection('Lobby', null);
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
  await Promise.all([owner, west, noUnit, publisher, reporter].map((sql) => sql?.end()));
  await fleet.drop();
});

it('offers a kiosk the newest hospital document and the newest of its own unit, each with who published it', async () => {
  expect(await readSettingsForKiosk(west)).toEqual({ hospital: null, unit: null });
  const first = await publishSettings(owner, docOf('{"chimeVolume": 1}'));
  const hospital = await publishSettings(publisher, docOf('{"signOutAfterSeconds": 60}'));
  const maternity = await publishSettings(publisher, docOf('{"phoneExtension": "1"}', 'Maternity'));
  await publishSettings(owner, docOf('{"phoneExtension": "2"}', 'Surgery'));
  expect(hospital.version).toBeGreaterThan(first.version);
  expect([first.publishedBy, hospital.publishedBy]).toEqual([fleet.owner.user, publisherLogin]);

  expect(await readSettingsForKiosk(west)).toEqual({
    hospital: expect.objectContaining({
      ...docOf('{"signOutAfterSeconds": 60}'),
      version: hospital.version,
    }),
    unit: expect.objectContaining({ version: maternity.version, unit: 'Maternity', publishedBy: publisherLogin }),
  });
  // A kiosk in no unit, or a unit with no document, is offered the hospital's alone.
  expect(await readSettingsForKiosk(noUnit)).toMatchObject({ hospital: { version: hospital.version }, unit: null });
  // A newer hospital document replaces the older one and leaves the unit's as it is.
  const newer = await publishSettings(owner, docOf('{"signOutAfterSeconds": 90}'));
  expect(await readSettingsForKiosk(west)).toMatchObject({
    hospital: { version: newer.version },
    unit: { version: maternity.version },
  });
  expect((await reporter.query('SELECT count(*)::int AS n FROM fleet.published_settings'))[0]).toEqual({ n: 5 });
});

it('reads the newest by number, not by its text: version 10 is newer than 9', async () => {
  let last = await publishSettings(owner, docOf('{"chimeVolume": 3}', 'Maternity'));
  while (last.version < 11) last = await publishSettings(owner, docOf('{"chimeVolume": 4}', 'Maternity'));
  expect((await readSettingsForKiosk(west)).unit).toMatchObject({ version: last.version });
});

it('refuses a kiosk and the reporting role every change: they only read', async () => {
  const count = async () =>
    (await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM fleet.published_settings'))[0]!.n;
  const before = await count();
  for (const sql of [west, noUnit, reporter]) {
    await expect(publishSettings(sql, docOf('{"badgeNeedsPin": false}'))).rejects.toThrow(
      /permission denied for table published_settings/,
    );
    await expect(sql.execute("UPDATE fleet.published_settings SET settings = '{}'")).rejects.toThrow(
      /permission denied/,
    );
    await expect(sql.execute('DELETE FROM fleet.published_settings')).rejects.toThrow(/permission denied/);
    await expect(sql.execute('TRUNCATE fleet.published_settings')).rejects.toThrow(/permission denied/);
  }
  expect(await count()).toBe(before);
});

it('lets a publisher add documents but not rewrite, remove or sign them in another name', async () => {
  await expect(publisher.execute("UPDATE fleet.published_settings SET settings = '{}'")).rejects.toThrow(
    /permission denied/,
  );
  await expect(publisher.execute('DELETE FROM fleet.published_settings')).rejects.toThrow(/permission denied/);
  const { settings, sha256 } = docOf('{"chimeVolume": 2}');
  await expect(
    publisher.execute('INSERT INTO fleet.published_settings (settings, sha256, published_by) VALUES ($1, $2, $3)', [
      settings,
      sha256,
      fleet.owner.user,
    ]),
  ).rejects.toThrow(/permission denied/);
});

it('refuses a document that is not a JSON object, a hash that is not one, or a blank unit', async () => {
  await expect(publishSettings(owner, { ...docOf('x'), settings: '{"a": ' })).rejects.toThrow(/json/i);
  await expect(publishSettings(owner, docOf('[1, 2]'))).rejects.toThrow(/published_settings_settings_check/);
  await expect(publishSettings(owner, { ...docOf('{}'), sha256: 'not-a-hash' })).rejects.toThrow(/sha256_check/);
  await expect(publishSettings(owner, docOf('{}', ' Maternity'))).rejects.toThrow(/unit_check/);
  await expect(publishSettings(owner, docOf('{}', ''))).rejects.toThrow(/unit_check/);
});
