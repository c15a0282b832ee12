import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { systemClock } from '../../core/clock';
import { fakeKeystore } from '../testing/fake-keystore';
import { fleetDatabaseForFile } from '../testing/fleet-database-for-file';
import { joinedTestKiosk, silentLogger, startTestDelivery } from '../testing/joined-kiosk';
import { centralRows, kioskRows, type TestKiosk } from '../testing/test-kiosk';
import { waitFor } from '../testing/wait-for';
import { installCredentialSealer } from './credential-sealing';
import { credentialsPath } from './fleet-credentials';
import { fleetStatus, startFleetDeliveryIfJoined } from './fleet-membership';

const fleet = fleetDatabaseForFile();

const kiosks: TestKiosk[] = [];
afterEach(() => {
  installCredentialSealer(null);
  for (const kiosk of kiosks.splice(0)) kiosk.close();
});

it('a kiosk joined with the OS keystore installed keeps its password sealed and still delivers', async () => {
  installCredentialSealer(fakeKeystore('gnome-libsecret'));
  const { kiosk, kioskId } = await joinedTestKiosk(fleet.owner, 'Sealed 4 West', { visits: 3 });
  kiosks.push(kiosk);
  const stored = readFileSync(credentialsPath(kiosk.folder), 'utf8');
  expect(stored).not.toContain(kioskId);
  expect(stored).not.toMatch(/password/);
  expect(fleetStatus(kiosk.db, kiosk.folder)).toMatchObject({ credentialsSealedWith: 'gnome-libsecret' });

  const worker = startTestDelivery(kiosk);
  try {
    await waitFor(async () => (await centralRows(fleet.superuser, kioskId)).length === kioskRows(kiosk.db).length);
  } finally {
    await worker.stop();
  }
});

it('a kiosk joined through the plain command line is sealed when the app starts delivering with a keystore', async () => {
  const { kiosk, kioskId } = await joinedTestKiosk(fleet.owner, 'Sealed later', { visits: 2 });
  kiosks.push(kiosk);
  expect(readFileSync(credentialsPath(kiosk.folder), 'utf8')).toContain(kioskId);
  expect(fleetStatus(kiosk.db, kiosk.folder)).toMatchObject({ credentialsSealedWith: null });

  installCredentialSealer(fakeKeystore('keychain'));
  const worker = startTestDelivery(kiosk);
  try {
    expect(readFileSync(credentialsPath(kiosk.folder), 'utf8')).not.toContain(kioskId);
    expect(fleetStatus(kiosk.db, kiosk.folder)).toMatchObject({ credentialsSealedWith: 'keychain' });
    await waitFor(async () => (await centralRows(fleet.superuser, kioskId)).length === kioskRows(kiosk.db).length);
  } finally {
    await worker.stop();
  }
});

it('credentials sealed by another computer stop delivery with the reason in fleet status, and queueing goes on', async () => {
  installCredentialSealer(fakeKeystore());
  const { kiosk } = await joinedTestKiosk(fleet.owner, 'Copied kiosk', { visits: 1 });
  kiosks.push(kiosk);
  // The data folder moved to another computer: its keystore holds another key.
  installCredentialSealer(fakeKeystore());
  const warnings: string[] = [];
  const logger = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
  expect(startFleetDeliveryIfJoined({ db: kiosk.db, dataFolder: kiosk.folder, clock: systemClock, logger })).toBeNull();
  expect(warnings).toEqual([expect.stringMatching(/cannot be decrypted/)]);
  const backlog = fleetStatus(kiosk.db, kiosk.folder)!.backlog;
  kiosk.writeVisits(1);
  expect(fleetStatus(kiosk.db, kiosk.folder)).toMatchObject({
    backlog: expect.any(Number),
    credentialsProblem: expect.stringMatching(/cannot be decrypted with this computer's keystore/),
  });
  expect(fleetStatus(kiosk.db, kiosk.folder)!.backlog).toBeGreaterThan(backlog);
});
