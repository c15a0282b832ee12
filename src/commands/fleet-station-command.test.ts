import { expect, it } from 'vitest';
import { commandStreams } from '../main/core/testing/command-streams';
import { openCentral } from '../main/fleet/central/connection-settings';
import { decodeEnrolment } from '../main/fleet/central/enrolment';
import { listKiosks } from '../main/fleet/central/kiosk-registry';
import { connectionFlags } from '../main/fleet/testing/connection-flags';
import { fleetDatabaseForFile } from '../main/fleet/testing/fleet-database-for-file';
import { runFleetCommand } from './fleet-command';

/** `fleet add-kiosk --station` and `fleet set-station`, against the run's PostgreSQL. */
const fleet = fleetDatabaseForFile();

async function run(argv: string[]) {
  const { stdin, stdout, stderr, output } = commandStreams();
  const code = await runFleetCommand(argv, { stdin, stdout, stderr, env: { PGPASSWORD: fleet.owner.password } });
  return { code, ...output };
}

const ownerFlags = () => connectionFlags(fleet.owner);
const stations = async () => {
  const owner = openCentral(fleet.owner);
  try {
    return Object.fromEntries((await listKiosks(owner)).map((kiosk) => [kiosk.name, kiosk.station]));
  } finally {
    await owner.end();
  }
};

it('registers a station, and turns a kiosk into one and back by name or role', async () => {
  const desk = await run(['add-kiosk', ...ownerFlags(), '--name', 'Front desk', '--station']);
  expect(desk).toMatchObject({ code: 0, out: /Registered nurses' station "Front desk"/ });
  const plain = await run(['add-kiosk', ...ownerFlags(), '--name', '4 West', '--unit', 'Maternity']);
  expect(plain).toMatchObject({ code: 0, out: /Registered kiosk "4 West" \(Maternity\)/ });
  expect(await stations()).toEqual({ 'Front desk': true, '4 West': false });

  expect(await run(['set-station', ...ownerFlags(), '--kiosk', '4 West', 'on'])).toMatchObject({
    code: 0,
    out: /"4 West" \(Maternity\), role .* is now a nurses' station/,
  });
  const deskRole = decodeEnrolment(desk.out.trim().split('\n').at(-1)!).connection.user;
  expect(await run(['set-station', ...ownerFlags(), '--kiosk', deskRole, 'off'])).toMatchObject({
    code: 0,
    out: /"Front desk", role .* is now a plain kiosk/,
  });
  expect(await stations()).toEqual({ 'Front desk': false, '4 West': true });
});

it('refuses a kiosk that is not registered and bad usage, changing nothing', async () => {
  const before = await stations();
  expect(await run(['set-station', ...ownerFlags(), '--kiosk', '4 Wset', 'off'])).toMatchObject({
    code: 1,
    err: /No registered kiosk is named "4 Wset"/,
  });
  const onOff = /^set-station takes --kiosk NAME\|ROLE and then on or off\./;
  for (const [argv, err] of [
    [['set-station', ...ownerFlags(), '--kiosk', '4 West'], onOff],
    [['set-station', ...ownerFlags(), '--kiosk', '4 West', 'yes'], onOff],
    [['set-station', ...ownerFlags(), 'off'], /^--kiosk is required/],
    [['set-station', ...ownerFlags(), '--kiosk', '4 West', '--station', 'off'], /^--station is for add-kiosk/],
    [['migrate', ...ownerFlags(), '--station'], /^--station is for add-kiosk/],
  ] as const) {
    expect(await run([...argv])).toMatchObject({ code: 2, err });
  }
  expect(await stations()).toEqual(before);
});
