import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFleetTestDatabase, type FleetTestDatabase } from '../testing/fleet-test-database';
import { assertCentralMigrationOrder, migrateCentral } from './central-migrate';
import type { CentralConnection } from './central-connection';
import { openCentral } from './connection-settings';
import { fleetRoles } from './fleet-roles';
import { CENTRAL_MIGRATIONS } from './migrations';

/** The newest step's version (versions may skip a number kept for a step made elsewhere). */
const LATEST = CENTRAL_MIGRATIONS.at(-1)!.version;

let fleet: FleetTestDatabase;
let owner: CentralConnection;
beforeAll(async () => {
  fleet = await createFleetTestDatabase();
  owner = openCentral(fleet.owner);
});
afterAll(async () => {
  await owner.end();
  await fleet.drop();
});

it('creates the schema once, even when two migrations start at the same moment, and then has nothing to do', async () => {
  const second = openCentral(fleet.owner);
  const results = await Promise.all([migrateCentral(owner), migrateCentral(second)]);
  await second.end();
  expect(results.map((result) => [result.from, result.to]).sort()).toEqual([
    [0, LATEST],
    [LATEST, LATEST],
  ]);
  expect(await migrateCentral(owner)).toMatchObject({ from: LATEST, to: LATEST });
  const versions = await owner.query('SELECT version, applied_by FROM fleet.schema_migrations ORDER BY version');
  expect(versions).toEqual(CENTRAL_MIGRATIONS.map((m) => ({ version: m.version, applied_by: fleet.owner.user })));
  const tables = await owner.query<{ tablename: string; rowsecurity: boolean }>(
    "SELECT tablename, rowsecurity FROM pg_tables WHERE schemaname = 'fleet' ORDER BY 1",
  );
  expect(tables.filter((t) => t.tablename !== 'schema_migrations')).toEqual(
    [
      'audit_log',
      'badge_key',
      'content_packs',
      'daily_totals',
      'help_calls',
      'kiosks',
      'published_settings',
      'room_cleanings',
      'room_states',
      'session_events',
      'sessions',
      'staff',
      'staff_changes',
      'timer_outcomes',
    ].map((tablename) => ({
      tablename,
      // Every kiosk reads every published pack and settings document: grants alone keep them read-only for them.
      rowsecurity: tablename !== 'content_packs' && tablename !== 'published_settings',
    })),
  );
});

it('creates the group roles without login, and only they may connect besides the owner', async () => {
  const roles = fleetRoles(fleet.owner.database);
  const found = await owner.query<{ rolname: string; rolcanlogin: boolean }>(
    'SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname = ANY($1)',
    [[roles.kiosk, roles.reporting, roles.publisher]],
  );
  expect(found.map((r) => [r.rolname, r.rolcanlogin]).sort()).toEqual(
    [
      [roles.kiosk, false],
      [roles.reporting, false],
      [roles.publisher, false],
    ].sort(),
  );
  // Another login role on the same cluster (another application's, say) cannot even connect.
  const stranger = `${fleet.owner.database}_stranger`;
  await owner.query(`CREATE ROLE ${stranger} LOGIN PASSWORD 'stranger-password'`);
  const asStranger = openCentral({ ...fleet.owner, user: stranger, password: 'stranger-password' });
  await expect(asStranger.query('SELECT 1')).rejects.toThrow(/permission denied for database/);
  await asStranger.end();
});

it('refuses a database upgraded by a newer version and changes nothing', async () => {
  await owner.query("INSERT INTO fleet.schema_migrations (version, name) VALUES (99, 'from the future')");
  await expect(migrateCentral(owner)).rejects.toThrow(
    new RegExp(`schema version 99, .*up to version ${LATEST}\\): it was upgraded by a newer version`),
  );
  await owner.query('DELETE FROM fleet.schema_migrations WHERE version = 99');
  expect(await migrateCentral(owner)).toMatchObject({ from: LATEST, to: LATEST });
});

it('rolls a failing step back whole: no half-made schema', async () => {
  const broken = [
    ...CENTRAL_MIGRATIONS,
    {
      version: LATEST + 1,
      name: 'broken',
      statements: () => ['CREATE TABLE fleet.half_made (id int)', 'SELECT no_such_fn()'],
    },
  ];
  await expect(migrateCentral(owner, broken)).rejects.toThrow(/no_such_fn/);
  expect(await owner.query("SELECT 1 FROM pg_tables WHERE tablename = 'half_made'")).toHaveLength(0);
  expect(await owner.query('SELECT max(version)::int AS v FROM fleet.schema_migrations')).toEqual([{ v: LATEST }]);
});

it('applies a step a database lacks even below its newest one (steps made side by side), each once', async () => {
  const gap = {
    version: LATEST + 2,
    name: 'later step',
    statements: () => ['CREATE TABLE fleet.later_step (id int)'],
  };
  const filler = {
    version: LATEST + 1,
    name: 'step merged later',
    statements: () => ['CREATE TABLE fleet.filler (id int)'],
  };
  expect(await migrateCentral(owner, [...CENTRAL_MIGRATIONS, gap])).toMatchObject({ from: LATEST, to: LATEST + 2 });
  expect(await migrateCentral(owner, [...CENTRAL_MIGRATIONS, filler, gap])).toMatchObject({
    from: LATEST + 2,
    to: LATEST + 2,
  });
  expect(
    await owner.query("SELECT tablename FROM pg_tables WHERE tablename IN ('filler', 'later_step') ORDER BY 1"),
  ).toEqual([{ tablename: 'filler' }, { tablename: 'later_step' }]);
  // Nothing left to do, and a program that lacks a step the database has is refused.
  expect(await migrateCentral(owner, [...CENTRAL_MIGRATIONS, filler, gap])).toMatchObject({ from: LATEST + 2 });
  await expect(migrateCentral(owner, [...CENTRAL_MIGRATIONS, gap])).rejects.toThrow(
    new RegExp(`schema version ${LATEST + 1}, but this program knows only`),
  );
  expect(() => assertCentralMigrationOrder([...CENTRAL_MIGRATIONS, gap, filler])).toThrow(/expected more than/);
});
