import { afterEach, expect, it } from 'vitest';
import type { RemoteRoomsAnswer } from '../../../shared/remote-rooms';
import { ManualClock } from '../clock';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { insertFleetLink } from '../repositories/fleet-outbox-repository';
import { callCore } from '../testing/core-calls';
import { makeTempFolder } from '../testing/temp-folder';
import type { ReadRemoteRooms } from './remote-rooms-port';

const opened: { core: KioskCore; folder: ReturnType<typeof makeTempFolder> }[] = [];
afterEach(() => {
  for (const { core, folder } of opened.splice(0)) {
    core.close();
    folder.cleanup();
  }
});

function kiosk(options: { joined: boolean; remoteRooms?: ReadRemoteRooms }) {
  const folder = makeTempFolder();
  const core = openKioskCore({
    dataFolder: folder.path,
    clock: new ManualClock(Date.UTC(2026, 3, 1, 9)),
    logger: { error: () => undefined },
    ...(options.remoteRooms ? { remoteRooms: options.remoteRooms } : {}),
  });
  opened.push({ core, folder });
  if (options.joined) {
    insertFleetLink(core.db, { kioskId: 'k1', kioskName: '4 West', unit: 'Maternity', server: 's', joinedAt: 1 });
  }
  return core;
}

const view: RemoteRoomsAnswer = {
  status: 'shown',
  readAt: 5,
  centreLostSince: null,
  kiosks: [{ kioskName: '4 East', rooms: [{ roomId: 1, name: 'Room 1', state: 'occupied', since: 1, asOf: 4 }] }],
};

it("answers the fleet listener's view to anyone at the board, with no sign-in", async () => {
  const core = kiosk({ joined: true, remoteRooms: () => view });
  expect(await callCore(core, 'getRemoteRooms')).toEqual(view);
});

it('answers none outside a fleet, or where this way of running the kiosk has no listener, without asking it', async () => {
  let asked = 0;
  const listener: ReadRemoteRooms = () => {
    asked += 1;
    return view;
  };
  expect(await callCore(kiosk({ joined: false, remoteRooms: listener }), 'getRemoteRooms')).toEqual({ status: 'none' });
  expect(asked).toBe(0);
  expect(await callCore(kiosk({ joined: true }), 'getRemoteRooms')).toEqual({ status: 'none' });
});
