import { afterEach, expect, it } from 'vitest';
import type { FleetReportAnswer } from '../../../shared/fleet-report';
import { ManualClock } from '../clock';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { insertFleetLink } from '../repositories/fleet-outbox-repository';
import { callCore, setUpWard, signInToken } from '../testing/core-calls';
import { makeTempFolder } from '../testing/temp-folder';
import type { ReadFleetReport } from './fleet-report-port';

const opened: { core: KioskCore; folder: ReturnType<typeof makeTempFolder> }[] = [];
afterEach(() => {
  for (const { core, folder } of opened.splice(0)) {
    core.close();
    folder.cleanup();
  }
});

async function kiosk(options: { joined: boolean; reader?: ReadFleetReport }) {
  const folder = makeTempFolder();
  const clock = new ManualClock(Date.UTC(2026, 3, 1, 9));
  const core = openKioskCore({
    dataFolder: folder.path,
    clock,
    logger: { error: () => undefined },
    ...(options.reader ? { fleetReports: () => options.reader! } : {}),
  });
  opened.push({ core, folder });
  await setUpWard(core, 'Ward 2');
  if (options.joined) {
    insertFleetLink(core.db, { kioskId: 'k1', kioskName: '4 West', unit: 'Maternity', server: 's', joinedAt: 1 });
  }
  const staffToken = await signInToken(core, '100', '1234');
  const ask = (scope: 'unit' | 'hospital') =>
    callCore<FleetReportAnswer>(core, 'getFleetReport', { staffToken, scope, from: '2026-03-01', to: '2026-03-31' });
  return { core, ask };
}

it('tells the screen whether the kiosk is in a fleet', async () => {
  const alone = await kiosk({ joined: false });
  expect(await callCore(alone.core, 'getKioskStatus')).toMatchObject({ inFleet: false });
  const joined = await kiosk({ joined: true });
  expect(await callCore(joined.core, 'getKioskStatus')).toMatchObject({ inFleet: true });
});

it('answers not in a fleet without asking the reader, and unavailable where no reader was given', async () => {
  const asked: unknown[] = [];
  const reader: ReadFleetReport = (request) => {
    asked.push(request);
    return Promise.resolve({ status: 'unreachable' });
  };
  expect(await (await kiosk({ joined: false, reader })).ask('unit')).toEqual({ status: 'not-in-fleet' });
  expect(asked).toEqual([]);
  expect(await (await kiosk({ joined: true })).ask('hospital')).toEqual({ status: 'unavailable' });
});

it("passes a fleet kiosk's request to the reader and its answer back", async () => {
  const asked: unknown[] = [];
  const reader: ReadFleetReport = (request) => {
    asked.push(request);
    return Promise.resolve({ status: 'unreachable' });
  };
  expect(await (await kiosk({ joined: true, reader })).ask('hospital')).toEqual({ status: 'unreachable' });
  expect(asked).toEqual([{ scope: 'hospital', from: '2026-03-01', to: '2026-03-31' }]);
});
