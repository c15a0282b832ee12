import { randomUUID } from 'node:crypto';
import type { ApiMethodName } from '../../../shared/api-methods';
import type { ApiInput, ApiResults } from '../../../shared/contract';
import type { TimerView } from '../../../shared/domain';
import type { ApiError } from '../../../shared/errors';
import type { TestAPI } from 'vitest';
import { ManualClock } from '../clock';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { insertRoom } from '../repositories/rooms-repository';
import { listSessionEvents } from '../repositories/session-events-repository';
import { findSessionByUuid, insertSession } from '../repositories/sessions-repository';
import { insertStaff } from '../repositories/staff-repository';
import { folderTest, type TempFolder } from './temp-database';

/** Test helpers for the timer tests: a core on a temp folder, an open session, and typed calls through dispatch. */
export const MINUTE = 60_000;
export const T0 = Date.UTC(2026, 2, 10, 3, 0);

export function openTestCore(folder: string, clock: ManualClock): KioskCore {
  return openKioskCore({ dataFolder: folder, clock, backups: false, logger: { error: () => undefined } });
}

type TimerFixtures = { folder: TempFolder; clock: ManualClock; core: KioskCore; sessionId: string };

/** The whole core on a ManualClock at T0 with one open session (`sessionId`), closed and removed after each test. */
export const timerTest: TestAPI<TimerFixtures> = folderTest.extend<Omit<TimerFixtures, 'folder'>>({
  // eslint-disable-next-line no-empty-pattern -- vitest requires the object pattern as the first parameter.
  clock: async ({}, use) => use(new ManualClock(T0)),
  core: async ({ folder, clock }, use) => {
    const core = openTestCore(folder.path, clock);
    await use(core);
    core.close();
  },
  sessionId: async ({ core }, use) => use(openSession(core)),
});

/** A room, a nurse and an open English session started now; answers the session's uuid. */
export function openSession(core: KioskCore, roomName = 'Room 1'): string {
  const roomId = insertRoom(core.db, { name: roomName });
  const staffNumber = String(100 + roomId);
  const staffId = insertStaff(core.db, {
    staffNumber,
    displayName: `Nurse ${staffNumber}`,
    role: 'nurse',
    pinHash: Buffer.from('hash'),
    pinSalt: Buffer.from('salt'),
    createdAt: 0,
  });
  const uuid = randomUUID();
  insertSession(core.db, {
    uuid,
    roomId,
    kind: 'pumping',
    language: 'en',
    startedAt: core.clock.now(),
    startedBy: staffId,
  });
  return uuid;
}

/** Calls a method through dispatch (input validation included) and answers its value, or fails the test. */
export async function call<M extends ApiMethodName>(
  core: KioskCore,
  method: M,
  input: ApiInput<M>,
): Promise<ApiResults[M]> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
  return result.value as ApiResults[M];
}

/** Calls a method that must fail and answers its error. */
export async function refused<M extends ApiMethodName>(
  core: KioskCore,
  method: M,
  input: ApiInput<M>,
): Promise<ApiError> {
  const result = await core.dispatch(method, input);
  if (result.ok) throw new Error(`${method} should have failed but answered ${JSON.stringify(result.value)}`);
  return result.error;
}

export async function timer(core: KioskCore, sessionId: string, timerId: number): Promise<TimerView> {
  const found = (await call(core, 'listTimers', { sessionId })).find((view) => view.id === timerId);
  if (!found) throw new Error(`no timer ${timerId}`);
  return found;
}

/** The session's timer events, as type, time and detail. */
export function timerEvents(core: KioskCore, sessionId: string) {
  const session = findSessionByUuid(core.db, sessionId);
  if (!session) throw new Error('no session');
  return listSessionEvents(core.db, session.id)
    .filter((event) => event.type.startsWith('timer-'))
    .map(({ type, at, detail }) => ({ type, at, detail }));
}
