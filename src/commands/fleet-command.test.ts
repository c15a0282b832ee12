import { expect, it } from 'vitest';
import { commandStreams } from '../main/core/testing/command-streams';
import { openCentral } from '../main/fleet/central/connection-settings';
import { decodeEnrolment } from '../main/fleet/central/enrolment';
import { CENTRAL_MIGRATIONS } from '../main/fleet/central/migrations';
import { connectionFlags } from '../main/fleet/testing/connection-flags';
import { fleetDatabaseForFile } from '../main/fleet/testing/fleet-database-for-file';
import { runFleetCommand } from './fleet-command';

/** The newest step's version (versions may skip a number kept for a step made elsewhere). */
const LATEST = CENTRAL_MIGRATIONS.at(-1)!.version;

// Not migrated: the first test migrates it through the command.
const fleet = fleetDatabaseForFile({ migrated: false });

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const { stdin, stdout, stderr, output } = commandStreams();
  const code = await runFleetCommand(argv, {
    stdin,
    stdout,
    stderr,
    env: { PGPASSWORD: fleet.owner.password, ...env },
  });
  return { code, ...output };
}

const ownerFlags = () => connectionFlags(fleet.owner);

it('migrates, then registers a kiosk whose enrolment string connects as that kiosk', async () => {
  expect(await run(['migrate', ...ownerFlags()])).toMatchObject({
    code: 0,
    out: `The fleet schema in ${fleet.owner.database} went from version 0 to ${LATEST}.\n`,
  });
  expect(await run(['migrate', ...ownerFlags()])).toMatchObject({
    code: 0,
    out: `The fleet schema in ${fleet.owner.database} is up to date (version ${LATEST}).\n`,
  });

  const added = await run(['add-kiosk', ...ownerFlags(), '--name', '4 West', '--unit', 'Maternity']);
  expect(added).toMatchObject({ code: 0, out: /Registered kiosk "4 West" \(Maternity\)/ });
  const enrolment = decodeEnrolment(added.out.trim().split('\n').at(-1)!);
  expect(enrolment).toMatchObject({ kioskName: '4 West', unit: 'Maternity' });
  expect(enrolment.connection).toMatchObject({
    host: fleet.owner.host,
    database: fleet.owner.database,
    tls: 'disable',
  });

  const kiosk = openCentral(enrolment.connection);
  expect(await kiosk.query('SELECT current_user AS me, name FROM fleet.kiosks')).toEqual([
    { me: enrolment.connection.user, name: '4 West' },
  ]);
  await kiosk.end();
});

it('refuses a second kiosk with the same name', async () => {
  const again = await run(['add-kiosk', ...ownerFlags(), '--name', '4 West']);
  expect(again).toMatchObject({ code: 1, err: /already registered/ });
});

it('refuses plaintext to another machine unless told, before connecting', async () => {
  const flags = ownerFlags().map((value) => (value === fleet.owner.host ? 'db.hospital.example' : value));
  const refused = await run(['migrate', ...flags]);
  expect(refused).toMatchObject({ code: 2, err: /Refusing a plaintext connection to db.hospital.example/ });
});

it('answers bad usage with the usage text and exit code 2', async () => {
  expect(await run(['rebuild'])).toMatchObject({ code: 2, err: /Unknown command "rebuild"/ });
  expect(await run(['add-kiosk', ...ownerFlags()])).toMatchObject({ code: 2, err: /--name is required/ });
  expect(await run(['add-kiosk', ...ownerFlags(), '--name', '<script>'])).toMatchObject({
    code: 2,
    err: /--name must be/,
  });
  expect(await run(['migrate', ...ownerFlags(), '--colour', 'blue'])).toMatchObject({
    code: 2,
    err: /Unknown option --colour/,
  });
  const maybeTls = ownerFlags().map((value) => (value === 'disable' ? 'maybe' : value));
  expect(await run(['migrate', ...maybeTls])).toMatchObject({ code: 2, err: /--tls must be one of/ });
});

it('reports a wrong password as PostgreSQL says it, with exit code 1', async () => {
  const wrong = await run(['migrate', ...ownerFlags()], { PGPASSWORD: 'not-the-password' });
  expect(wrong).toMatchObject({ code: 1, err: /password authentication failed/ });
});

it('makes a reporting role that reads every kiosk and writes nothing, its password printed once', async () => {
  await run(['add-kiosk', ...ownerFlags(), '--name', 'Reporter test kiosk']);
  const made = await run(['add-reporter', ...ownerFlags(), '--name', 'quality']);
  expect(made).toMatchObject({ code: 0, out: /Made reporting role \S+_r_quality/ });
  const role = /role (\S+):/.exec(made.out)![1]!;
  const password = made.out.trim().split('\n').at(-1)!;
  const reporter = openCentral({ ...fleet.owner, user: role, password });
  try {
    const kiosks = await reporter.query<{ name: string }>('SELECT name FROM fleet.kiosks ORDER BY name');
    expect(kiosks.length).toBeGreaterThanOrEqual(2);
    await expect(reporter.query("UPDATE fleet.kiosks SET unit = 'x'")).rejects.toThrow(/permission denied/);
  } finally {
    await reporter.end();
  }
  expect(await run(['add-reporter', ...ownerFlags(), '--name', 'quality'])).toMatchObject({
    code: 1,
    err: /already exists/,
  });
  expect(await run(['add-reporter', ...ownerFlags(), '--name', 'Quality Team'])).toMatchObject({
    code: 2,
    err: /--name is required: 1 to 20/,
  });
});
