import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { openKioskCore } from '../kiosk-core';
import { insertRoom } from '../repositories/rooms-repository';
import { findSessionByUuid } from '../repositories/sessions-repository';
import { seedStaff } from '../testing/seed-staff';
import { makeTempFolder } from '../testing/temp-folder';
import { RoomSessions } from './room-sessions';
import { saveSetting } from './settings-service';

let folder: ReturnType<typeof makeTempFolder>;
beforeEach(() => (folder = makeTempFolder()));
afterEach(() => folder.cleanup());

const HOUR = 3_600_000;

describe('auto-close', () => {
  it('closes a session left open past the limit as auto-closed, dated when the limit was reached', async () => {
    const clock = new ManualClock(Date.UTC(2026, 2, 1, 8));
    const core = openKioskCore({ dataFolder: folder.path, clock });
    const room = insertRoom(core.db, { name: 'Room 1' });
    const nurse = await seedStaff(core.db, { staffNumber: '5', pin: '5555' });
    const sessions = new RoomSessions(core.db, clock, () => true);
    const started = sessions.start({ roomId: room, kind: 'breastfeeding', language: 'en', startedBy: nurse });

    clock.advance(3 * HOUR - 1);
    expect(core.runHousekeeping()).toBe(0);
    clock.advance(1 + 40 * 60_000);
    expect(core.runHousekeeping()).toBe(1);
    expect(findSessionByUuid(core.db, started.id)).toMatchObject({
      endReason: 'auto-closed',
      endedAt: started.startedAt + 3 * HOUR,
      endedBy: null,
    });
    expect(core.runHousekeeping()).toBe(0);
    core.close();
  });

  it('follows the configured limit, and a restart keeps younger sessions open', async () => {
    const clock = new ManualClock(Date.UTC(2026, 2, 1, 8));
    let core = openKioskCore({ dataFolder: folder.path, clock });
    saveSetting(core.db, 'autoCloseAfterMinutes', 60);
    const [one, two] = [insertRoom(core.db, { name: 'Room 1' }), insertRoom(core.db, { name: 'Room 2' })];
    const nurse = await seedStaff(core.db, { staffNumber: '5', pin: '5555' });
    const sessions = new RoomSessions(core.db, clock, () => true);
    const old = sessions.start({ roomId: one, kind: 'pumping', language: 'en', startedBy: nurse });
    clock.advance(50 * 60_000);
    const young = sessions.start({ roomId: two, kind: 'pumping', language: 'en', startedBy: nurse });
    core.close();

    clock.advance(15 * 60_000);
    core = openKioskCore({ dataFolder: folder.path, clock });
    expect(findSessionByUuid(core.db, old.id)?.endReason).toBe('auto-closed');
    expect(findSessionByUuid(core.db, young.id)?.endedAt).toBeNull();
    core.close();
  });
});
