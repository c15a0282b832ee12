/**
 * What a room does all day, as API calls, for the crash trials: the same loop runs in the crash worker (through
 * core.dispatch) and against a real bridge process (over HTTP, as the page calls it). Each write the kiosk answered ok
 * is reported as one line, and only then; a setting or staff change is also announced before it is sent, because a
 * kill after its commit but before its answer may leave it stored without an acknowledgement:
 *   started <session uuid> <room id>            event <session uuid> <seq>        ended <session uuid>
 *   cleaned <room id>                           timer <id> <session uuid> <running|paused|cancelled|right>
 *   setting <key> <json value>                  staff <id> <enabled|disabled>
 *   sending setting <key> <json value>          sending staff <id> <enabled|disabled>
 */
import { contract } from '../../../shared/contract';
import type {
  KioskSettingsView,
  RoomBoardEntry,
  SessionKind,
  StaffMember,
  StaffSignIn,
  StartedSession,
  TimerView,
} from '../../../shared/domain';
import type { ApiError, ApiResult } from '../../../shared/errors';

/** One API call, answered the way dispatch answers it. */
export type Caller = (method: string, input?: unknown) => Promise<ApiResult<unknown>>;

/** The staff a trial's data folder is seeded with; all of them share one PIN. */
export interface WorkloadStaff {
  nurses: string[];
  admin: string;
  pin: string;
}

export class RefusedCall extends Error {
  constructor(
    readonly method: string,
    readonly error: ApiError,
  ) {
    super(`${method} answered ${JSON.stringify(error)}`);
  }
}

/** Calls and answers the value; any refusal is a finding, so it throws. */
export async function must<T>(call: Caller, method: string, input?: unknown): Promise<T> {
  const result = await call(method, input);
  if (!result.ok) throw new RefusedCall(method, result.error);
  return result.value as T;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A sign-in killed between its reservation and its result counts as a wrong try (so killing the kiosk cannot buy an
 * attacker free guesses). After a few such kills the keypad asks to wait, and a staff number can lock: a nurse waits
 * for the keypad, and asks a colleague when her own number is locked. So does this.
 */
export async function signInAnyOf(call: Caller, staffNumbers: readonly string[], pin: string): Promise<StaffSignIn> {
  for (;;) {
    let soonestMs = Number.POSITIVE_INFINITY;
    for (const staffNumber of staffNumbers) {
      const result = await call('signIn', { staffNumber, pin });
      if (result.ok) return result.value as StaffSignIn;
      if (result.error.code !== 'locked-out') throw new RefusedCall('signIn', result.error);
      const seconds = /wait (\d+) seconds?/.exec(result.error.message);
      if (seconds) {
        soonestMs = Number(seconds[1]) * 1000;
        break;
      }
      const minutes = /locked for (\d+) minutes?/.exec(result.error.message);
      if (!minutes) throw new RefusedCall('signIn', result.error);
      soonestMs = Math.min(soonestMs, Number(minutes[1]) * 60_000);
    }
    await sleep(soonestMs);
  }
}

/** The settings an admin changes during the trials, each with a fresh value. */
const SETTING_CHANGES: ((random: () => number) => Partial<KioskSettingsView>)[] = [
  (random) => ({ chimeVolume: Math.floor(random() * 101) }),
  (random) => ({ kioskName: `Lactation room ${1 + Math.floor(random() * 999)}` }),
  (random) => ({ attractIntervalSeconds: 6 + Math.floor(random() * 115) }),
  (random) => ({ nightChimeVolume: Math.floor(random() * 101) }),
];

const KINDS: SessionKind[] = ['breastfeeding', 'pumping', 'hand-expression'];
/** Whatever event types the contract accepts today. */
const EVENTS = contract.recordSessionEvent.input.shape.type.options;

export interface WorkloadReport {
  /** A write the kiosk answered ok. */
  acknowledged(line: string): void;
  /** A setting or staff change about to be sent. */
  sending(line: string): void;
}

/** What a parent does with the timers: a warm compress paused and stopped, the left/right timer switched side. */
async function useTimers(call: Caller, report: WorkloadReport, sessionId: string): Promise<void> {
  const warm = await must<TimerView>(call, 'startTimer', {
    sessionId,
    presetId: 'warm-compress-5',
    safetyConfirmed: true,
  });
  report.acknowledged(`timer ${warm.id} ${sessionId} running`);
  await must(call, 'pauseTimer', { timerId: warm.id });
  report.acknowledged(`timer ${warm.id} ${sessionId} paused`);
  await must(call, 'resumeTimer', { timerId: warm.id });
  await must(call, 'addMinute', { timerId: warm.id });
  await must(call, 'cancelTimer', { timerId: warm.id });
  report.acknowledged(`timer ${warm.id} ${sessionId} cancelled`);
  const sides = await must<TimerView>(call, 'startTimer', { sessionId, presetId: 'left-right' });
  report.acknowledged(`timer ${sides.id} ${sessionId} running`);
  await must(call, 'switchSide', { timerId: sides.id });
  report.acknowledged(`timer ${sides.id} ${sessionId} right`);
}

/** An admin's turn: one setting changed, then a relief nurse added, disabled or enabled again. */
async function adminTurn(
  call: Caller,
  report: WorkloadReport,
  staff: WorkloadStaff,
  staffToken: string,
  turn: number,
  random: () => number,
): Promise<void> {
  const changes = SETTING_CHANGES[turn % SETTING_CHANGES.length]!(random);
  const [key, value] = Object.entries(changes)[0]!;
  report.sending(`setting ${key} ${JSON.stringify(value)}`);
  await must(call, 'updateSettings', { staffToken, changes });
  report.acknowledged(`setting ${key} ${JSON.stringify(value)}`);

  const seeded = new Set([...staff.nurses, staff.admin]);
  const relief = (await must<StaffMember[]>(call, 'listStaff', { staffToken })).filter(
    (member) => !seeded.has(member.staffNumber),
  );
  const enabled = relief.find((member) => !member.disabled);
  const disabled = relief.find((member) => member.disabled);
  const step = turn % 3;
  if (step === 1 && enabled) {
    report.sending(`staff ${enabled.id} disabled`);
    await must(call, 'updateStaff', { staffToken, staffId: enabled.id, disabled: true });
    report.acknowledged(`staff ${enabled.id} disabled`);
  } else if (step === 2 && disabled) {
    report.sending(`staff ${disabled.id} enabled`);
    await must(call, 'updateStaff', { staffToken, staffId: disabled.id, disabled: false });
    report.acknowledged(`staff ${disabled.id} enabled`);
  } else {
    const added = await must<StaffMember>(call, 'addStaff', {
      staffToken,
      displayName: `Relief nurse ${1 + Math.floor(random() * 9999)}`,
      role: 'nurse',
      pin: staff.pin,
    });
    report.acknowledged(`staff ${added.id} enabled`);
  }
}

/** Uses the kiosk as a room does, for ever: the caller ends it by killing the process (or with an error). */
export async function runRoomWorkload(
  call: Caller,
  report: WorkloadReport,
  staff: WorkloadStaff,
  random: () => number = Math.random,
): Promise<never> {
  let adminToken: string | undefined;
  // Half the runs start with the admin's turn, so kills soon after the start land in both kinds of work.
  const adminTurns = random() < 0.5 ? 0 : 1;
  for (let turn = 0; ; turn++) {
    if (turn % 2 === adminTurns) {
      // One admin sign-in per run: signing in is the slow step (the PIN hash), and an admin stays signed in.
      adminToken ??= (await signInAnyOf(call, [staff.admin], staff.pin)).staffToken;
      await adminTurn(call, report, staff, adminToken, Math.floor(turn / 2), random);
    }
    const rooms = await must<RoomBoardEntry[]>(call, 'listRooms');
    const room = rooms[turn % rooms.length]!;
    if (room.session) {
      await must(call, 'endSession', { sessionId: room.session.id, reason: 'completed' });
      report.acknowledged(`ended ${room.session.id}`);
    }
    // A nurse signs in at the keypad for each session, as on the ward.
    const { staffToken } = await signInAnyOf(call, staff.nurses, staff.pin);
    if (room.state !== 'free') {
      await must(call, 'markRoomCleaned', { staffToken, roomId: room.id });
      report.acknowledged(`cleaned ${room.id}`);
    }
    const session = await must<StartedSession>(call, 'startSession', {
      staffToken,
      roomId: room.id,
      kind: KINDS[turn % KINDS.length],
      language: turn % 2 ? 'es' : 'en',
    });
    report.acknowledged(`started ${session.id} ${room.id}`);
    await useTimers(call, report, session.id);
    const events = 5 + (turn % 11);
    for (let seq = 1; seq <= events; seq++) {
      await must(call, 'recordSessionEvent', {
        sessionId: session.id,
        type: EVENTS[seq % EVENTS.length],
        detail: { seq },
      });
      report.acknowledged(`event ${session.id} ${seq}`);
    }
    await must(call, 'endSession', { sessionId: session.id, reason: 'completed' });
    report.acknowledged(`ended ${session.id}`);
  }
}
