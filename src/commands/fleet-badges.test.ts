/**
 * Badges across the fleet, end to end: kiosks with real SQLite files joined to the run's PostgreSQL, each delivering in
 * its background worker as the app runs it, badges given through the kiosk's own staff admin and tapped through its
 * own staff auth, IT's changes through the fleet command.
 */
import { readFileSync, existsSync } from 'node:fs';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../main/core/clock';
import type { KioskLogger } from '../main/core/logging/kiosk-logger';
import { findStaffByNumber } from '../main/core/repositories/staff-repository';
import { commandStreams } from '../main/core/testing/command-streams';
import { StaffAdmin } from '../main/core/services/staff-admin';
import { StaffAuth } from '../main/core/services/staff-auth';
import { migrateCentral } from '../main/fleet/central/central-migrate';
import { openCentral } from '../main/fleet/central/connection-settings';
import { CENTRAL_MIGRATIONS } from '../main/fleet/central/migrations';
import { fleetBadgeKey } from '../main/fleet/central/migrations/010-fleet-badge-key';
import { storedBadgeKeyReader } from '../main/fleet/kiosk/fleet-badge-key';
import { readStoredBadgeKey } from '../main/fleet/kiosk/fleet-credentials';
import type { DeliveryWorker } from '../main/fleet/kiosk/fleet-delivery';
import { leaveFleet } from '../main/fleet/kiosk/fleet-membership';
import { connectionFlags } from '../main/fleet/testing/connection-flags';
import { fleetDatabaseForFile } from '../main/fleet/testing/fleet-database-for-file';
import { joinTestKiosk, startTestDelivery } from '../main/fleet/testing/joined-kiosk';
import { createTestKiosk, type TestKiosk } from '../main/fleet/testing/test-kiosk';
import { waitFor } from '../main/fleet/testing/wait-for';
import { runFleetCommand } from './fleet-command';

const fleet = fleetDatabaseForFile({ migrated: false });
beforeAll(async () => {
  // The centre as it was before badges travelled: the first kiosk joins it, and fetches the key only later.
  const sql = openCentral(fleet.owner);
  try {
    await migrateCentral(
      sql,
      CENTRAL_MIGRATIONS.filter((step) => step.version < fleetBadgeKey.version),
    );
  } finally {
    await sql.end();
  }
});

const running: { worker: DeliveryWorker | null; kiosk: TestKiosk }[] = [];
afterEach(async () => {
  for (const { worker, kiosk } of running.splice(0)) {
    await worker?.stop();
    kiosk.close();
  }
});

/** Everything the kiosks' workers said, to look for the key in. */
const said: string[] = [];
const keepingLogger: KioskLogger = {
  error: (message) => said.push(String(message)),
  warn: (message) => said.push(String(message)),
  info: (message) => said.push(String(message)),
};

/** A kiosk with its staff services as the app wires them: the badge key read from its credentials. */
function kioskWithStaff() {
  const kiosk = createTestKiosk();
  const entry: { worker: DeliveryWorker | null; kiosk: TestKiosk } = { worker: null, kiosk };
  running.push(entry);
  const badgeKey = storedBadgeKeyReader(kiosk.folder);
  const admin = new StaffAdmin(kiosk.db, systemClock, badgeKey);
  const auth = new StaffAuth(
    kiosk.db,
    systemClock,
    () => 60_000,
    () => true,
    badgeKey,
  );
  return {
    kiosk,
    admin,
    join: (name: string) => joinTestKiosk(fleet.owner, kiosk, name),
    start: () => {
      entry.worker = startTestDelivery(kiosk, { idleMs: 50, logger: keepingLogger, staffPullMs: 200 });
    },
    badgeSignsIn: (badge: string, pin: string) =>
      auth.signInWithBadge(badge, pin).then(
        () => true,
        () => false,
      ),
    badgeOf: (staffNumber: string) => findStaffByNumber(kiosk.db, staffNumber)?.fleetBadgeHash ?? null,
  };
}

async function fleetCommand(args: string[]) {
  const { stdin, stdout, stderr, output } = commandStreams('');
  const code = await runFleetCommand([...args], { stdin, stdout, stderr, env: { PGPASSWORD: fleet.owner.password } });
  return { code, ...output };
}

it('a badge given on one kiosk signs in on another, is refused there once disabled, and its key stays secret', async () => {
  const west = kioskWithStaff();
  const ana = await west.admin.add({ displayName: 'Ana', role: 'nurse', pin: '4821', staffNumber: '401' }, null);
  // Given before joining: hashed with West's own key; it stays on West.
  west.admin.setBadge(ana.id, 'LOCAL-0401', null);
  await west.join('West');
  expect(readStoredBadgeKey(west.kiosk.folder)).toBeNull();
  // Updated before the centre was migrated, West still delivers its staff changes (without badges).
  west.start();
  // In a fleet without the key yet, a badge would silently stay local: refused, nothing changed.
  const bea = await west.admin.add({ displayName: 'Bea', role: 'nurse', pin: '7355', staffNumber: '402' }, null);
  expect(() => west.admin.setBadge(bea.id, 'FLEET-0402', null)).toThrow(/cannot read the fleet's badge key/);
  expect(west.admin.findByNumber('402')?.hasBadge).toBe(false);
  const sql = openCentral(fleet.owner);
  try {
    await waitFor(async () => (await sql.query("SELECT 1 FROM fleet.staff WHERE staff_number = '402'")).length > 0);
    // The centre gains the key; West fetches it at its next pull, East at join.
    await migrateCentral(sql);
  } finally {
    await sql.end();
  }
  await waitFor(() => readStoredBadgeKey(west.kiosk.folder) !== null, 30_000);
  const east = kioskWithStaff();
  await east.join('East');
  const key = readStoredBadgeKey(east.kiosk.folder);
  expect(key?.equals(readStoredBadgeKey(west.kiosk.folder)!)).toBe(true);
  east.start();

  west.admin.setBadge(bea.id, ' fleet-0402', null);
  await waitFor(() => east.badgeOf('402') !== null, 30_000);
  expect(await east.badgeSignsIn('FLEET-0402', '7355')).toBe(true);
  expect(await east.badgeSignsIn('FLEET-0402', '0000')).toBe(false);
  expect(await west.badgeSignsIn('FLEET-0402', '7355')).toBe(true);
  // The badge given before joining still works where it was given, and only there.
  expect(await west.badgeSignsIn('LOCAL-0401', '4821')).toBe(true);
  // Renamed on West, Ana travels (made before joining, she had stayed on West), her badge not.
  west.admin.update(ana.id, { displayName: 'Ana R.' }, null);
  await waitFor(() => east.admin.findByNumber('401')?.displayName === 'Ana R.', 30_000);
  expect(east.admin.findByNumber('401')?.hasBadge).toBe(false);
  expect(await east.badgeSignsIn('LOCAL-0401', '4821')).toBe(false);

  expect(await fleetCommand(['staff', 'disable', '--number', '402', ...connectionFlags(fleet.owner)])).toMatchObject({
    code: 0,
  });
  await waitFor(() => east.admin.findByNumber('402')?.disabled === true, 30_000);
  expect(await east.badgeSignsIn('FLEET-0402', '7355')).toBe(false);

  // Never in what the kiosk says, nor in its database (a copy of kiosk.db alone carries no fleet-wide secret).
  const status = await fleetCommand(['status', '--data-dir', west.kiosk.folder]);
  expect(status.code).toBe(0);
  const forms = [key!.toString('base64url'), key!.toString('base64'), key!.toString('hex')];
  for (const text of [...said, status.out, status.err]) {
    for (const form of forms) expect(text).not.toContain(form);
  }
  expect(said.join('\n')).toMatch(/badge key is kept with the credentials/);
  for (const file of ['kiosk.db', 'kiosk.db-wal']) {
    const path = `${west.kiosk.folder}/${file}`;
    if (existsSync(path)) expect(readFileSync(path).includes(key!)).toBe(false);
  }
});

it('a kiosk that left keeps its own badges working and gives new ones with its own key', async () => {
  const ward = kioskWithStaff();
  const cy = await ward.admin.add({ displayName: 'Cy', role: 'nurse', pin: '2468', staffNumber: '403' }, null);
  ward.admin.setBadge(cy.id, 'LOCAL-0403', null);
  await ward.join('Ward');
  const dee = await ward.admin.add({ displayName: 'Dee', role: 'nurse', pin: '1357', staffNumber: '404' }, null);
  ward.admin.setBadge(dee.id, 'FLEET-0404', null);
  expect(ward.badgeOf('404')).not.toBeNull();
  expect(await ward.badgeSignsIn('FLEET-0404', '1357')).toBe(true);

  leaveFleet({ db: ward.kiosk.db, dataFolder: ward.kiosk.folder, discardUndelivered: true });
  expect(await ward.badgeSignsIn('LOCAL-0403', '2468')).toBe(true);
  // The fleet's key left with the credentials: a badge given in the fleet is given again.
  expect(await ward.badgeSignsIn('FLEET-0404', '1357')).toBe(false);
  ward.admin.setBadge(dee.id, 'FLEET-0404', null);
  expect(ward.badgeOf('404')).toBeNull();
  expect(await ward.badgeSignsIn('FLEET-0404', '1357')).toBe(true);
});
