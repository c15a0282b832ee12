import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertStaff } from '../main/core/repositories/staff-repository';
import { commandStreams } from '../main/core/testing/command-streams';
import { fleetDatabaseForFile } from '../main/fleet/testing/fleet-database-for-file';
import { centralRows, createTestKiosk, enrolKiosk, kioskRows, type TestKiosk } from '../main/fleet/testing/test-kiosk';
import { runFleetCommand } from './fleet-command';

const fleet = fleetDatabaseForFile();
let kiosk: TestKiosk;
beforeAll(() => {
  kiosk = createTestKiosk();
});
afterAll(() => kiosk.close());

async function run(argv: string[], input = '') {
  const { stdin, stdout, stderr, output } = commandStreams(input);
  const code = await runFleetCommand(argv, { stdin, stdout, stderr, env: {} });
  return { code, ...output };
}

it('join uploads the kiosk’s history, status tells how delivery goes, leave refuses to drop changes unless told', async () => {
  kiosk.writeVisits(12);
  const { kioskId, enrolment } = await enrolKiosk(fleet.owner, 'Command kiosk');
  const dataDir = ['--data-dir', kiosk.folder];

  expect(await run(['status', ...dataDir])).toMatchObject({ code: 0, out: 'This kiosk does not belong to a fleet.\n' });
  const joined = await run(['join', ...dataDir], `${enrolment}\n`);
  expect(joined).toMatchObject({ code: 0, err: expect.not.stringMatching(/kiosk-fleet-1/) });
  expect(joined.out).toMatch(/Joined the fleet as "Command kiosk" \(Maternity\).*Uploading 60 row\(s\)/);
  expect(joined.out).toMatch(/Uploaded 60 row\(s\)/);
  expect(await centralRows(fleet.superuser, kioskId)).toEqual(kioskRows(kiosk.db));

  const status = await run(['status', ...dataDir]);
  expect(status.code).toBe(0);
  expect(status.out).toMatch(/as "Command kiosk" \(Maternity\), role /);
  expect(status.out).toMatch(/Backlog: 0 change\(s\) waiting\n/);
  expect(status.out).toMatch(/Staff directory: no change applied yet, 0 staff change\(s\) of this kiosk waiting\n/);
  expect(status.out).toMatch(/60 rows delivered in all/);
  expect(status.out).toMatch(/Content pack: none from the centre yet/);
  expect(status.out).toMatch(/Settings: none from the centre/);
  expect(status.out).not.toMatch(/password/i);
  // Plain Node has no OS keystore: the status says how the credentials are kept.
  expect(status.out).toMatch(/Credentials: a file readable by the app's user only/);

  expect(await run(['join', ...dataDir], `${enrolment}\n`)).toMatchObject({ code: 1, err: /already belongs/ });
  kiosk.writeVisits(1);
  // An admin's staff change not yet sent counts as undelivered too.
  insertStaff(kiosk.db, {
    staffNumber: '555',
    displayName: 'Added here',
    role: 'nurse',
    pinHash: Buffer.alloc(32),
    pinSalt: Buffer.alloc(16),
    createdAt: 0,
  });
  const waiting = await run(['status', ...dataDir]);
  expect(waiting.out).toMatch(/Backlog: 7 change\(s\) waiting, the oldest for/);
  expect(waiting.out).toMatch(/1 staff change\(s\) of this kiosk waiting/);
  expect(await run(['leave', ...dataDir])).toMatchObject({ code: 1, err: /8 change\(s\) have not reached/ });
  expect(await run(['leave', ...dataDir, '--discard-undelivered'])).toMatchObject({
    code: 0,
    out: /left the fleet; 8 undelivered change\(s\) were dropped/,
  });
  expect(await run(['status', ...dataDir])).toMatchObject({ out: /does not belong to a fleet/ });
});

it('refuses bad usage and a damaged string with a clear message, changing nothing', async () => {
  expect(await run(['join'], 'x\n')).toMatchObject({ code: 2, err: /--data-dir is required/ });
  expect(await run(['join', '--data-dir', kiosk.folder, '--name', 'x'], 'x\n')).toMatchObject({ code: 2 });
  expect(await run(['join', '--data-dir', kiosk.folder], '\n')).toMatchObject({ code: 2, err: /No enrolment string/ });
  expect(await run(['join', '--data-dir', kiosk.folder], 'kiosk-fleet-1.abc\n')).toMatchObject({
    code: 1,
    err: /damaged/,
  });
  expect(await run(['status', '--data-dir', kiosk.folder])).toMatchObject({ out: /does not belong to a fleet/ });
});
