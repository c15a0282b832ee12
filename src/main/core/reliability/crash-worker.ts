/**
 * The child process of the crash trials (crash-trials.ts): runs the kiosk core against a data folder and uses it the
 * way the kiosk does, through dispatch, until it is killed. Each write is printed on stdout as one line only AFTER
 * dispatch answered ok, so every printed line is a write the kiosk acknowledged:
 *   ready <synchronous> <journal_mode>
 *   started <session uuid> <room id>
 *   event <session uuid> <seq>
 *   ended <session uuid>
 *   cleaned <room id>
 * Usage: node --import tsx crash-worker.ts <dataFolder> <staffNumber> <pin>
 */
import { writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RoomBoardEntry, SessionKind, StaffSignIn, StartedSession, TimerView } from '../../../shared/domain';
import type { ApiResult } from '../../../shared/errors';
import { contract } from '../../../shared/contract';
import { openKioskCore } from '../kiosk-core';

const [dataFolder, staffNumber, pin] = process.argv.slice(2);
if (!dataFolder || !staffNumber || !pin) {
  console.error('usage: crash-worker.ts <dataFolder> <staffNumber> <pin>');
  process.exit(2);
}

// Synchronous on purpose: nothing is buffered in this process when the kill comes.
const acknowledge = (line: string) => writeSync(1, `${line}\n`);

const core = openKioskCore({
  dataFolder,
  resourcesFolder: fileURLToPath(new URL('../../../../resources', import.meta.url)),
  logger: { error: (message, error) => console.error(message, error) },
  // As in the app: housekeeping and the hourly online backup run while the trial writes.
  housekeepingEveryMinute: true,
});

async function call<T>(method: string, input?: unknown): Promise<T> {
  const result = (await core.dispatch(method, input)) as ApiResult<T>;
  if (!result.ok) {
    console.error(`crash-worker: ${method} answered ${JSON.stringify(result.error)}`);
    process.exit(3);
  }
  return result.value;
}

/**
 * A sign-in killed between its reservation and its result counts as a wrong try (so killing the kiosk cannot buy an
 * attacker free guesses); after a few kills in a row the keypad asks to wait. A nurse waits and tries again: so does
 * the worker.
 */
async function signIn(): Promise<StaffSignIn> {
  for (;;) {
    const result = (await core.dispatch('signIn', { staffNumber, pin })) as ApiResult<StaffSignIn>;
    if (result.ok) return result.value;
    const wait = /wait (\d+) seconds?/.exec(result.error.message);
    if (result.error.code !== 'locked-out' || !wait) return call<StaffSignIn>('signIn', { staffNumber, pin });
    await new Promise((resolve) => setTimeout(resolve, Number(wait[1]) * 1000));
  }
}

/** What a parent does with the timers: a warm compress paused and stopped, the left/right timer switched side. */
async function useTimers(sessionId: string): Promise<void> {
  const warm = await call<TimerView>('startTimer', { sessionId, presetId: 'warm-compress-5', safetyConfirmed: true });
  acknowledge(`timer ${warm.id} ${sessionId} running`);
  await call('pauseTimer', { timerId: warm.id });
  acknowledge(`timer ${warm.id} ${sessionId} paused`);
  await call('resumeTimer', { timerId: warm.id });
  await call('addMinute', { timerId: warm.id });
  await call('cancelTimer', { timerId: warm.id });
  acknowledge(`timer ${warm.id} ${sessionId} cancelled`);
  const sides = await call<TimerView>('startTimer', { sessionId, presetId: 'left-right' });
  acknowledge(`timer ${sides.id} ${sessionId} running`);
  await call('switchSide', { timerId: sides.id });
  acknowledge(`timer ${sides.id} ${sessionId} right`);
}

const KINDS: SessionKind[] = ['breastfeeding', 'pumping', 'hand-expression'];
/** Whatever event types the contract accepts today. */
const EVENTS = contract.recordSessionEvent.input.shape.type.options;

async function run(): Promise<void> {
  acknowledge(
    `ready ${String(core.db.pragma('synchronous', { simple: true }))} ${String(core.db.pragma('journal_mode', { simple: true }))}`,
  );
  for (let turn = 0; ; turn++) {
    const rooms = await call<RoomBoardEntry[]>('listRooms');
    const room = rooms[turn % rooms.length]!;
    if (room.session) {
      await call('endSession', { sessionId: room.session.id, reason: 'completed' });
      acknowledge(`ended ${room.session.id}`);
    }
    const { staffToken } = await signIn();
    if (room.state !== 'free') {
      await call('markRoomCleaned', { staffToken, roomId: room.id });
      acknowledge(`cleaned ${room.id}`);
    }
    const session = await call<StartedSession>('startSession', {
      staffToken,
      roomId: room.id,
      kind: KINDS[turn % KINDS.length],
      language: turn % 2 ? 'es' : 'en',
    });
    acknowledge(`started ${session.id} ${room.id}`);
    await useTimers(session.id);
    const events = 5 + (turn % 11);
    for (let seq = 1; seq <= events; seq++) {
      await call('recordSessionEvent', { sessionId: session.id, type: EVENTS[seq % EVENTS.length], detail: { seq } });
      acknowledge(`event ${session.id} ${seq}`);
    }
    await call('endSession', { sessionId: session.id, reason: 'completed' });
    acknowledge(`ended ${session.id}`);
  }
}

run().catch((error: unknown) => {
  console.error('crash-worker failed', error);
  process.exit(4);
});
