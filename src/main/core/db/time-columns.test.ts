import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { makeTempFolder } from '../testing/temp-folder';

/**
 * Every table that stores a time, written through the API on clocks the kiosk really meets: fractional readings, a
 * monotonic clock that starts below zero with a wall clock that jumps back an hour, and readings far in the future.
 * Each column declared INTEGER must hold integers (or NULL), and no JSON value (settings, kiosk state, details) may
 * hold a fractional number.
 */
const HOUR = 3_600_000;
const CLOCKS: Record<string, () => ManualClock> = {
  fractional: () => new ManualClock(Date.UTC(2026, 2, 10, 3) + 0.25, 1234.567),
  'negative monotonic, wall clock set back': () => new ManualClock(Date.UTC(2026, 10, 1, 5) + 0.5, -HOUR - 0.25),
  huge: () => new ManualClock(Date.UTC(2999, 11, 31, 20) + 0.7, 2 ** 40 + 0.7),
};

let folder: ReturnType<typeof makeTempFolder> | undefined;
let core: KioskCore | undefined;
afterEach(() => {
  core?.close();
  folder?.cleanup();
  core = undefined;
});

async function call<T>(method: string, input?: unknown): Promise<T> {
  const result = await core!.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** A room's day on this clock: setup, staff, settings, sessions, every timer action, cleaning, auto-close, lockouts. */
async function liveADay(clock: ManualClock): Promise<void> {
  const step = (ms: number) => clock.advance(ms + 0.37);
  await call('completeSetup', {
    kioskName: 'Ward',
    rooms: ['Room 1', 'Room 2'],
    admin: { displayName: 'Ana', pin: '1234' },
  });
  step(1000);
  const admin = (await call<{ staffToken: string }>('signIn', { staffNumber: '100', pin: '1234' })).staffToken;
  await call('addStaff', { staffToken: admin, displayName: 'Bea', role: 'nurse', pin: '5678' });
  await call('updateSettings', { staffToken: admin, changes: { kioskName: 'Ward 2', autoCloseAfterMinutes: 30 } });
  const signInNurse = async () =>
    (await call<{ staffToken: string }>('signIn', { staffNumber: '101', pin: '5678' })).staffToken;
  let nurse = await signInNurse();
  const rooms = await call<{ id: number }[]>('listRooms');

  const session = await call<{ id: string }>('startSession', {
    staffToken: nurse,
    roomId: rooms[0]!.id,
    kind: 'hand-expression',
    language: 'es',
  });
  step(2000);
  await call('recordSessionEvent', { sessionId: session.id, type: 'help-requested' });
  const warm = await call<{ id: number }>('startTimer', {
    sessionId: session.id,
    presetId: 'warm-compress-2',
    safetyConfirmed: true,
  });
  step(10_000);
  await call('pauseTimer', { timerId: warm.id });
  step(5_000);
  await call('resumeTimer', { timerId: warm.id });
  await call('addMinute', { timerId: warm.id });
  step(4 * 60_000);
  clock.advanceMonotonicOnly(0.61);
  await call('listTimers', { sessionId: session.id });
  await call('acknowledgeTimer', { timerId: warm.id });
  const cool = await call<{ id: number }>('startTimer', {
    sessionId: session.id,
    presetId: 'cool-pack-10',
    safetyConfirmed: true,
  });
  step(3_000);
  await call('cancelTimer', { timerId: cool.id });
  const sides = await call<{ id: number }>('startTimer', { sessionId: session.id, presetId: 'left-right' });
  step(7_000);
  await call('switchSide', { timerId: sides.id });
  clock.jumpWallClock(-HOUR - 0.4);
  step(7_000);
  await call('pauseTimer', { timerId: sides.id });
  await call('startTimer', { sessionId: session.id, presetId: 'hand-expression-warm-up' });
  nurse = await signInNurse();
  await call('endSession', { sessionId: session.id, reason: 'staff-ended', staffToken: nurse });
  await call('markRoomCleaned', { staffToken: nurse, roomId: rooms[0]!.id });

  const left = await call<{ id: string }>('startSession', {
    staffToken: nurse,
    roomId: rooms[1]!.id,
    kind: 'pumping',
    language: 'en',
  });
  await call('startTimer', { sessionId: left.id, presetId: 'left-right' });
  step(HOUR);
  expect(core!.runHousekeeping()).toBe(1);

  // Five wrong PINs lock the nurse (staff.locked_until) and fill the keypad's window (kiosk_state); each waits out
  // the keypad's growing pause (at most 30 s), as a person would, so every try is checked.
  for (let attempt = 0; attempt < 5; attempt++) {
    step(30_000);
    const result = await core!.dispatch('signIn', { staffNumber: '101', pin: '0000' });
    expect(result.ok).toBe(false);
  }
}

function integerColumns(db: KioskCore['db']): { table: string; column: string }[] {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .pluck()
    .all() as string[];
  return tables.flatMap((table) =>
    (db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(table) as { name: string; type: string }[])
      .filter((column) => column.type.toUpperCase() === 'INTEGER')
      .map((column) => ({ table, column: column.name })),
  );
}

describe.each(Object.keys(CLOCKS))('times stored on a %s clock', (name) => {
  it('are integers in every INTEGER column and every JSON value', async () => {
    folder = makeTempFolder();
    const clock = CLOCKS[name]!();
    core = openKioskCore({ dataFolder: folder.path, clock, backups: false, logger: { error: () => undefined } });
    await liveADay(clock);
    const db = core.db;

    for (const table of [
      'sessions',
      'session_events',
      'timers',
      'staff',
      'room_cleanings',
      'audit_log',
      'kiosk_state',
      'settings',
    ]) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBeGreaterThan(0);
    }
    expect(db.prepare(`SELECT count(*) FROM staff WHERE locked_until IS NOT NULL`).pluck().get()).toBe(1);
    expect(
      db.prepare(`SELECT group_concat(end_reason) FROM (SELECT end_reason FROM sessions ORDER BY id)`).pluck().get(),
    ).toBe('staff-ended,auto-closed');
    expect(db.prepare(`SELECT count(DISTINCT kind) FROM timers`).pluck().get()).toBe(4);

    const columns = integerColumns(db);
    expect(columns.map(({ table, column }) => `${table}.${column}`)).toEqual(
      expect.arrayContaining(['timers.ends_at', 'timers.remaining_ms', 'timers.side_started_at', 'staff.locked_until']),
    );
    for (const { table, column } of columns) {
      const wrong = db
        .prepare(`SELECT count(*) FROM "${table}" WHERE typeof("${column}") NOT IN ('integer', 'null')`)
        .pluck()
        .get();
      expect(wrong, `${table}.${column}`).toBe(0);
    }
    for (const [table, column] of [
      ['settings', 'value'],
      ['kiosk_state', 'value'],
      ['audit_log', 'detail'],
      ['session_events', 'detail'],
    ] as const) {
      const fractional = db
        .prepare(`SELECT count(*) FROM "${table}", json_tree("${table}"."${column}") AS node WHERE node.type = 'real'`)
        .pluck()
        .get();
      expect(fractional, `${table}.${column}`).toBe(0);
    }
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
