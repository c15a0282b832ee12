/**
 * The checks after each crash-trial kill: the data folder holds every acknowledged write and passes its integrity
 * checks, and the whole kiosk starts on it again and serves calls without an `internal` answer or an unexpected
 * failure in its log.
 */
import { fileURLToPath } from 'node:url';
import type { KioskStatus, RoomBoardEntry, StartedSession } from '../../../shared/domain';
import { systemClock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { readSetting } from '../repositories/settings-repository';
import { getStaff } from '../repositories/staff-repository';
import {
  countRoomCleanings,
  findStoredSession,
  findStoredTimer,
  storedEventSeqs,
} from '../repositories/stored-writes-queries';
import { createFailureLog } from '../testing/failure-log';
import type { Acknowledged } from './crash-ledger';
import { openKioskStorage } from './kiosk-storage';
import { must, RefusedCall, signInAnyOf, type Caller, type WorkloadStaff } from './room-workload';

const RESOURCES = fileURLToPath(new URL('../../../../resources', import.meta.url));

/** The stored form of an overwritten value, as the workload reports it. */
function storedValue(db: KioskDatabase, key: string): string | undefined {
  const [subject, name] = key.split(' ') as [string, string];
  if (subject === 'setting') {
    const value = readSetting(db, name);
    return value === undefined ? undefined : JSON.stringify(value);
  }
  const staff = getStaff(db, Number(name));
  return staff && (staff.disabled ? 'disabled' : 'enabled');
}

export function verifyStoredWrites(
  dataFolder: string,
  acknowledged: Acknowledged,
): { problems: string[]; checked: number } {
  const problems: string[] = [];
  let checked = 0;
  // The kiosk's own start-up path (check, and recovery if it were needed), without loading content.
  const storage = openKioskStorage({
    dataFolder,
    clock: systemClock,
    backups: false,
    logger: { error: () => undefined },
  });
  try {
    const { db } = storage;
    if (storage.recovery) problems.push(`the database needed recovery: ${storage.recovery.reason}`);
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const foreignKeys = db.pragma('foreign_key_check') as unknown[];
    if (foreignKeys.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(foreignKeys.slice(0, 3))}`);

    for (const [uuid, roomId] of acknowledged.started) {
      checked++;
      const row = findStoredSession(db, uuid);
      if (!row) {
        problems.push(`acknowledged session ${uuid} is missing`);
        continue;
      }
      if (row.roomId !== roomId) problems.push(`session ${uuid} is in room ${row.roomId}, not ${roomId}`);
      if (acknowledged.ended.has(uuid) && row.endedAt === null) problems.push(`acknowledged end of ${uuid} is missing`);
      const stored = storedEventSeqs(db, row.id);
      for (const seq of acknowledged.events.get(uuid) ?? []) {
        checked++;
        if (!stored.has(seq)) problems.push(`acknowledged event ${seq} of session ${uuid} is missing`);
      }
    }
    for (const uuid of acknowledged.ended) {
      checked++;
      if (!acknowledged.started.has(uuid) && findStoredSession(db, uuid)?.endedAt == null) {
        problems.push(`acknowledged end of ${uuid} is missing`);
      }
    }
    for (const [id, { session: uuid, last }] of acknowledged.timers) {
      checked++;
      const row = findStoredTimer(db, id);
      if (!row) {
        problems.push(`acknowledged timer ${id} is missing`);
        continue;
      }
      if (row.sessionUuid !== uuid) problems.push(`timer ${id} belongs to session ${row.sessionUuid}, not ${uuid}`);
      // Ending the session (acknowledged or not) stops its timers; what was acknowledged must not come undone.
      const stopped = row.state === 'cancelled' || row.state === 'finished';
      if (last === 'cancelled' && row.state !== 'cancelled') problems.push(`timer ${id}: cancel lost (${row.state})`);
      if (last === 'right' && row.side !== 'right') problems.push(`timer ${id}: switch to the right side lost`);
      if (acknowledged.ended.has(uuid) && !stopped) problems.push(`timer ${id} outlived its ended session`);
    }
    for (const [roomId, count] of acknowledged.cleaned) {
      checked++;
      const stored = countRoomCleanings(db, roomId);
      if (stored < count) problems.push(`room ${roomId}: ${count} cleanings acknowledged, ${stored} stored`);
    }
    for (const [key, { acknowledged: last, allowed }] of acknowledged.latest) {
      checked++;
      const stored = storedValue(db, key);
      if (stored === undefined || !allowed.has(stored)) {
        problems.push(`${key}: ${last} was acknowledged last, ${stored ?? 'nothing'} is stored`);
      }
    }
  } finally {
    storage.close();
  }
  return { problems, checked };
}

/**
 * The whole kiosk on the folder again, as after a power-on: the board, the status, a nurse's sign-in, a session
 * started in a free room and ended. Any refusal, `internal` answer or logged unexpected failure is a problem.
 */
export async function verifyRestart(dataFolder: string, staff: WorkloadStaff): Promise<string[]> {
  const log = createFailureLog();
  const problems: string[] = [];
  let core: KioskCore;
  try {
    core = openKioskCore({ dataFolder, resourcesFolder: RESOURCES, backups: false, logger: log.logger });
  } catch (error) {
    return [`the kiosk did not start again: ${String(error)}`];
  }
  const call: Caller = (method, input) => core.dispatch(method, input);
  try {
    await must<KioskStatus>(call, 'getKioskStatus');
    const rooms = await must<RoomBoardEntry[]>(call, 'listRooms');
    const { staffToken } = await signInAnyOf(call, staff.nurses, staff.pin);
    let room = rooms.find((entry) => entry.state === 'free');
    const waiting = rooms.find((entry) => entry.state === 'needs-cleaning');
    if (!room && waiting) {
      await must(call, 'markRoomCleaned', { staffToken, roomId: waiting.id });
      room = waiting;
    }
    if (!room) problems.push(`after the restart no room is free or waiting for cleaning: ${JSON.stringify(rooms)}`);
    else {
      const session = await must<StartedSession>(call, 'startSession', {
        staffToken,
        roomId: room.id,
        kind: 'pumping',
        language: 'en',
      });
      await must(call, 'endSession', { sessionId: session.id, reason: 'completed' });
    }
  } catch (error) {
    problems.push(`after the restart: ${error instanceof RefusedCall ? error.message : String(error)}`);
  } finally {
    core.close();
  }
  for (const line of log.unexpected()) problems.push(`after the restart the kiosk logged: ${line.slice(0, 500)}`);
  return problems;
}
