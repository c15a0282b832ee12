/**
 * Property tests: any sequence of what a room does (sessions, every timer action, auto-close, restarts) on the clocks
 * a kiosk really meets — fractional readings, a wall clock that jumps an hour either way or crosses a daylight-saving
 * change, a monotonic clock that runs while the wall clock stands still — leaves a consistent database: no `internal`
 * answer and no unexpected failure logged, no running or paused timer in an ended session, every room free or
 * needing cleaning once its session ends, and SQLite's integrity check ok.
 *
 * One core on a folder in memory (/dev/shm where there is one) is reused and reset between sequences, so thousands of
 * sequences run in seconds; a restart closes and reopens it on the same folder.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createHash, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../../shared/errors';
import type { RoomBoardEntry, TimerView } from '../../../shared/domain';
import { ManualClock, type Clock } from '../clock';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import type * as PinHashing from './pin-hashing';
import { saveSettings } from './settings-service';

/**
 * PIN hashing is slow on purpose (scrypt, ~50 ms); here a nurse signs in again after every wall-clock jump, and PINs
 * are not what is under test, so a fast hash with the same interface stands in (staff-auth tests use the real one).
 */
vi.mock('./pin-hashing', async (importOriginal) => {
  const original = await importOriginal<typeof PinHashing>();
  const hash = (pin: string, salt: Buffer) => createHash('sha256').update(salt).update(pin).digest();
  return {
    ...original,
    hashPin: async (pin: string) => {
      const pinSalt = Buffer.from('property-test-salt');
      return { pinHash: hash(pin, pinSalt), pinSalt };
    },
    verifyPin: async (pin: string, stored: { pinHash: Buffer; pinSalt: Buffer }) => {
      const candidate = hash(pin, stored.pinSalt);
      return candidate.length === stored.pinHash.length && timingSafeEqual(candidate, stored.pinHash);
    },
  };
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ROOMS = 2;
const NURSE = { staffNumber: '101', pin: '5678' };
const PRESETS = [
  'warm-compress-2',
  'warm-compress-5',
  'cool-pack-10',
  'hand-expression-warm-up',
  'left-right',
] as const;

/** Where each sequence's clock starts (the kiosk's zone is America/New_York). */
const CLOCK_STARTS = {
  fractional: { wall: Date.UTC(2026, 5, 3, 14) + 0.731, mono: 98_765.4321 },
  'spring forward (2026-03-08 02:00 New York)': { wall: Date.UTC(2026, 2, 8, 6, 50) + 0.5, mono: -12.75 },
  'fall back (2026-11-01 02:00 New York)': { wall: Date.UTC(2026, 10, 1, 5, 50) + 0.25, mono: 2 ** 40 + 0.7 },
} as const;
type ClockStart = keyof typeof CLOCK_STARTS;

/** The clock the core holds across restarts; each sequence swaps in a fresh ManualClock. */
class SwitchableClock implements Clock {
  current = new ManualClock(0);
  now() {
    return this.current.now();
  }
  monotonic() {
    return this.current.monotonic();
  }
}

type Action =
  | { kind: 'startSession'; room: number; sessionKind: 'breastfeeding' | 'pumping' | 'hand-expression' }
  | { kind: 'startTimer'; session: number; preset: (typeof PRESETS)[number] }
  | {
      kind: 'pauseTimer' | 'resumeTimer' | 'addMinute' | 'switchSide' | 'cancelTimer' | 'acknowledgeTimer';
      timer: number;
    }
  | { kind: 'endSession'; session: number; reason: 'completed' | 'staff-ended' }
  | { kind: 'markRoomCleaned'; room: number }
  | { kind: 'listTimers'; session: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'advanceMonotonicOnly'; ms: number }
  | { kind: 'jumpWallClock'; ms: number }
  | { kind: 'autoClose' }
  | { kind: 'sweep' }
  | { kind: 'restart' };

const index = fc.nat({ max: 7 });
const fractionalMs = (max: number) => fc.double({ min: 0, max, noNaN: true });
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('startSession' as const),
      room: fc.nat({ max: ROOMS - 1 }),
      sessionKind: fc.constantFrom('breastfeeding' as const, 'pumping' as const, 'hand-expression' as const),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('startTimer' as const),
      session: index,
      preset: fc.constantFrom(...PRESETS),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constantFrom(
        'pauseTimer' as const,
        'resumeTimer' as const,
        'addMinute' as const,
        'switchSide' as const,
        'cancelTimer' as const,
        'acknowledgeTimer' as const,
      ),
      timer: index,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('endSession' as const),
      session: index,
      reason: fc.constantFrom('completed' as const, 'staff-ended' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('markRoomCleaned' as const), room: fc.nat({ max: ROOMS - 1 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('listTimers' as const), session: index }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fractionalMs(6 * MINUTE) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('advanceMonotonicOnly' as const), ms: fractionalMs(5 * MINUTE) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('jumpWallClock' as const),
      ms: fc.oneof(fc.constantFrom(HOUR, -HOUR), fc.double({ min: -HOUR, max: HOUR, noNaN: true })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('autoClose' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sweep' as const) }) },
);
const restart: fc.Arbitrary<Action> = fc.constant({ kind: 'restart' as const });

let folder: string;
let core: KioskCore;
const clock = new SwitchableClock();
const unexpected: string[] = [];
let nurseToken: string | null = null;
let sequences = 0;
let actionsRun = 0;

function open(): void {
  core = openKioskCore({
    dataFolder: folder,
    clock,
    backups: false,
    logger: { error: (message, error) => unexpected.push(`${message}: ${String(error)}`) },
  });
}

function restartCore(): void {
  core.close();
  open();
  nurseToken = null; // sign-ins live in memory and end with the process
}

/** Every answer: a value or a typed refusal; an `internal` one is recorded as a failure. */
async function dispatch(method: string, input: unknown): Promise<ApiResult<unknown>> {
  const result = await core.dispatch(method, input);
  if (!result.ok && result.error.code === 'internal') unexpected.push(`${method} answered internal`);
  return result;
}

/** A staff call; a sign-in that lapsed (wall clock moved on) is renewed once, as a nurse would. */
async function asNurse(method: string, input: Record<string, unknown>): Promise<ApiResult<unknown>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    if (!nurseToken) {
      const signedIn = await dispatch('signIn', NURSE);
      if (!signedIn.ok) return signedIn;
      nurseToken = (signedIn.value as { staffToken: string }).staffToken;
    }
    const result = await dispatch(method, { ...input, staffToken: nurseToken });
    if (result.ok || result.error.code !== 'unauthorized') return result;
    nurseToken = null;
  }
  throw new Error('the nurse could not sign in');
}

beforeAll(async () => {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  folder = mkdtempSync(join(base, 'kiosk-clock-props-'));
  clock.current = new ManualClock(CLOCK_STARTS.fractional.wall);
  open();
  const setup = await core.dispatch('completeSetup', {
    kioskName: 'Ward',
    rooms: Array.from({ length: ROOMS }, (_, room) => `Room ${room + 1}`),
    admin: { displayName: 'Ana', pin: '1234' },
  });
  if (!setup.ok) throw new Error(setup.error.message);
  const admin = await core.dispatch('signIn', { staffNumber: '100', pin: '1234' });
  if (!admin.ok) throw new Error(admin.error.message);
  const staffToken = (admin.value as { staffToken: string }).staffToken;
  await core.dispatch('addStaff', { staffToken, displayName: 'Bea', role: 'nurse', pin: NURSE.pin });
  // The shortest auto-close and the longest sign-in, so both happen within a sequence and sign-ins are few.
  saveSettings(core.db, { timeZone: 'America/New_York', autoCloseAfterMinutes: 30, signOutAfterSeconds: 1800 });
});

afterAll(() => {
  core?.close();
  rmSync(folder, { recursive: true, force: true });
  console.info(`unfriendly clocks: ${sequences} sequences, ${actionsRun} actions`);
});

/** A new sequence: the same kiosk (staff, rooms, settings) with no sessions, on a fresh clock. */
function reset(start: ClockStart): void {
  core.db.exec(`
    DELETE FROM timers; DELETE FROM session_events; DELETE FROM sessions; DELETE FROM room_cleanings;
    UPDATE rooms SET needs_cleaning = 0;
  `);
  clock.current = new ManualClock(CLOCK_STARTS[start].wall, CLOCK_STARTS[start].mono);
  unexpected.length = 0;
}

async function run(actions: readonly Action[]): Promise<void> {
  const rooms = (core.db.prepare('SELECT id FROM rooms ORDER BY id').pluck().all() as number[]).slice(0, ROOMS);
  const sessions: string[] = [];
  const timers: number[] = [];
  const pick = <T>(list: readonly T[], at: number): T | undefined => (list.length ? list[at % list.length] : undefined);
  for (const step of actions) {
    actionsRun++;
    switch (step.kind) {
      case 'startSession': {
        const result = await asNurse('startSession', {
          roomId: rooms[step.room],
          kind: step.sessionKind,
          language: 'es',
        });
        if (result.ok) sessions.push((result.value as { id: string }).id);
        break;
      }
      case 'startTimer': {
        const sessionId = pick(sessions, step.session);
        if (!sessionId) break;
        const safetyConfirmed =
          step.preset === 'left-right' || step.preset === 'hand-expression-warm-up' ? undefined : true;
        const result = await dispatch('startTimer', { sessionId, presetId: step.preset, safetyConfirmed });
        if (result.ok) timers.push((result.value as TimerView).id);
        break;
      }
      case 'pauseTimer':
      case 'resumeTimer':
      case 'addMinute':
      case 'switchSide':
      case 'cancelTimer':
      case 'acknowledgeTimer': {
        const timerId = pick(timers, step.timer);
        if (timerId !== undefined) await dispatch(step.kind, { timerId });
        break;
      }
      case 'endSession': {
        const sessionId = pick(sessions, step.session);
        if (!sessionId) break;
        if (step.reason === 'completed') await dispatch('endSession', { sessionId, reason: 'completed' });
        else await asNurse('endSession', { sessionId, reason: 'staff-ended' });
        break;
      }
      case 'markRoomCleaned':
        await asNurse('markRoomCleaned', { roomId: rooms[step.room] });
        break;
      case 'listTimers': {
        const sessionId = pick(sessions, step.session);
        if (sessionId) await dispatch('listTimers', { sessionId });
        break;
      }
      case 'advance':
        clock.current.advance(step.ms);
        break;
      case 'advanceMonotonicOnly':
        clock.current.advanceMonotonicOnly(step.ms);
        break;
      case 'jumpWallClock':
        clock.current.jumpWallClock(step.ms);
        break;
      case 'autoClose':
        clock.current.advance(31 * MINUTE + 0.5);
        core.runHousekeeping();
        break;
      case 'sweep':
        core.sweepTimers();
        break;
      case 'restart':
        restartCore();
        break;
    }
  }
}

function timersOutlivingTheirSession(): number {
  return core.db
    .prepare(
      `SELECT count(*) FROM timers JOIN sessions ON sessions.id = timers.session_id
       WHERE sessions.ended_at IS NOT NULL AND timers.state IN ('running', 'paused')`,
    )
    .pluck()
    .get() as number;
}

/** The invariants, checked after every sequence; ends the sessions still open first, as "I'm done" would. */
async function checkConsistent(): Promise<void> {
  expect(timersOutlivingTheirSession()).toBe(0);
  const open = core.db.prepare('SELECT uuid FROM sessions WHERE ended_at IS NULL').pluck().all() as string[];
  for (const sessionId of open) {
    const ended = await dispatch('endSession', { sessionId, reason: 'completed' });
    expect(ended.ok).toBe(true);
  }
  expect(timersOutlivingTheirSession()).toBe(0);
  const board = await dispatch('listRooms', {});
  expect(board.ok).toBe(true);
  for (const room of board.ok ? (board.value as RoomBoardEntry[]) : []) {
    expect(['free', 'needs-cleaning']).toContain(room.state);
  }
  expect(unexpected).toEqual([]);
  expect(core.db.pragma('quick_check', { simple: true })).toBe('ok');
}

const RUNS_PER_CLOCK = 600;
const RESTART_RUNS = 250;

describe('timers and sessions on unfriendly clocks', () => {
  it.each(Object.keys(CLOCK_STARTS) as ClockStart[])('stay consistent on a %s clock', async (start) => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 14 }), async (actions) => {
        sequences++;
        reset(start);
        await run(actions);
        await checkConsistent();
      }),
      { numRuns: RUNS_PER_CLOCK },
    );
  });

  it('stay consistent across restarts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(CLOCK_STARTS) as ClockStart[])),
        fc.array(fc.oneof({ weight: 12, arbitrary: action }, { weight: 1, arbitrary: restart }), {
          minLength: 1,
          maxLength: 14,
        }),
        async (start, actions) => {
          sequences++;
          reset(start);
          await run([...actions, { kind: 'restart' }]);
          await checkConsistent();
        },
      ),
      { numRuns: RESTART_RUNS },
    );
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
