import { describe, expect } from 'vitest';
import type { KioskCore } from '../kiosk-core';
import { getTimer } from '../repositories/timers-repository';
import { databaseFingerprint } from '../testing/database-fingerprint';
import { call, MINUTE, openSession, refused, T0, timer, timerEvents, timerTest } from '../testing/timers-kit';

const warm = (core: KioskCore, sessionId: string, presetId = 'warm-compress-5') =>
  call(core, 'startTimer', { sessionId, presetId, safetyConfirmed: true });

describe('presets', () => {
  timerTest('takes each duration from the content pack', async ({ core, sessionId }) => {
    const durations: Record<string, number | null> = {};
    for (const presetId of ['warm-compress-2', 'warm-compress-5', 'warm-compress-10', 'cool-pack-10']) {
      const started = await call(core, 'startTimer', { sessionId, presetId, safetyConfirmed: true });
      durations[presetId] = started.durationMs;
      expect(started).toMatchObject({ state: 'running', remainingMs: started.durationMs, elapsedMs: 0 });
      expect(started.endsAt).toBe(T0 + (started.durationMs ?? 0));
      await call(core, 'cancelTimer', { timerId: started.id });
    }
    const warmUp = await call(core, 'startTimer', { sessionId, presetId: 'hand-expression-warm-up' });
    durations[warmUp.presetId] = warmUp.durationMs;
    expect(durations).toEqual({
      'warm-compress-2': 2 * MINUTE,
      'warm-compress-5': 5 * MINUTE,
      'warm-compress-10': 10 * MINUTE,
      'cool-pack-10': 10 * MINUTE,
      'hand-expression-warm-up': MINUTE,
    });
    const leftRight = await call(core, 'startTimer', { sessionId, presetId: 'left-right' });
    expect(leftRight).toMatchObject({
      kind: 'left-right',
      durationMs: null,
      maxDurationMs: null,
      remainingMs: null,
      endsAt: null,
      side: 'left',
      leftMs: 0,
      rightMs: 0,
      serverNow: T0,
    });
  });

  timerTest('refuses a preset the pack does not have, storing nothing', async ({ core, sessionId }) => {
    const before = databaseFingerprint(core.db);
    expect(
      await refused(core, 'startTimer', { sessionId, presetId: 'warm-compress-60', safetyConfirmed: true }),
    ).toEqual({ code: 'not-found', message: 'There is no timer called "warm-compress-60".' });
    expect(await refused(core, 'startTimer', { sessionId: crypto.randomUUID(), presetId: 'left-right' })).toMatchObject(
      { code: 'not-found' },
    );
    expect(databaseFingerprint(core.db)).toBe(before);
  });
});

describe('the safety step', () => {
  timerTest(
    'starts a warm or cool timer only after the parent confirms the safety note',
    async ({ core, sessionId }) => {
      const before = databaseFingerprint(core.db);
      for (const presetId of ['warm-compress-2', 'warm-compress-10', 'cool-pack-10']) {
        for (const safetyConfirmed of [undefined, false]) {
          expect(await refused(core, 'startTimer', { sessionId, presetId, safetyConfirmed })).toEqual({
            code: 'invalid-input',
            message: 'Please read the safety note and confirm it before this timer starts.',
          });
        }
      }
      expect(databaseFingerprint(core.db)).toBe(before);
      expect(await call(core, 'listTimers', { sessionId })).toEqual([]);
      expect((await warm(core, sessionId, 'warm-compress-2')).state).toBe('running');
    },
  );

  timerTest('needs no confirmation where no note asks for one', async ({ core, sessionId }) => {
    expect((await call(core, 'startTimer', { sessionId, presetId: 'hand-expression-warm-up' })).state).toBe('running');
    expect((await call(core, 'startTimer', { sessionId, presetId: 'left-right' })).state).toBe('running');
  });

  timerTest('offers sides only on the left/right timer', async ({ core, sessionId }) => {
    expect(await refused(core, 'startTimer', { sessionId, presetId: 'hand-expression-warm-up', side: 'left' })).toEqual(
      { code: 'invalid-input', message: 'Only the left and right timer has sides.' },
    );
    expect((await call(core, 'startTimer', { sessionId, presetId: 'left-right', side: 'right' })).side).toBe('right');
  });
});

describe('pause and resume', () => {
  timerTest('counts only running time and finishes exactly at zero', async ({ core, clock, sessionId }) => {
    const { id: timerId } = await warm(core, sessionId, 'warm-compress-5');
    clock.advance(MINUTE);
    expect(await timer(core, sessionId, timerId)).toMatchObject({ remainingMs: 4 * MINUTE, elapsedMs: MINUTE });
    expect(await call(core, 'pauseTimer', { timerId })).toMatchObject({ state: 'paused', remainingMs: 4 * MINUTE });
    clock.advance(10 * MINUTE);
    expect(await timer(core, sessionId, timerId)).toMatchObject({
      state: 'paused',
      remainingMs: 4 * MINUTE,
      endsAt: null,
    });
    expect(await refused(core, 'pauseTimer', { timerId })).toMatchObject({ code: 'conflict' });
    expect(await call(core, 'resumeTimer', { timerId })).toMatchObject({
      state: 'running',
      remainingMs: 4 * MINUTE,
      endsAt: clock.now() + 4 * MINUTE,
    });
    clock.advance(30_000);
    expect(await timer(core, sessionId, timerId)).toMatchObject({ remainingMs: 210_000, elapsedMs: 90_000 });
    clock.advance(209_999);
    expect(await timer(core, sessionId, timerId)).toMatchObject({ state: 'running', remainingMs: 1 });
    clock.advance(1);
    expect(await timer(core, sessionId, timerId)).toMatchObject({
      state: 'finished',
      remainingMs: 0,
      elapsedMs: 300_000,
    });
  });

  timerTest('keeps a finished timer until it is acknowledged', async ({ core, clock, sessionId }) => {
    const { id: timerId } = await call(core, 'startTimer', { sessionId, presetId: 'hand-expression-warm-up' });
    clock.advance(5 * MINUTE);
    expect(await refused(core, 'resumeTimer', { timerId })).toMatchObject({ code: 'conflict' });
    expect(await refused(core, 'pauseTimer', { timerId })).toEqual({
      code: 'conflict',
      message: 'You cannot pause a timer that is finished.',
    });
    clock.advance(60 * MINUTE);
    expect((await timer(core, sessionId, timerId)).state).toBe('finished');
    expect(await call(core, 'acknowledgeTimer', { timerId })).toMatchObject({ state: 'acknowledged', remainingMs: 0 });
    expect(await refused(core, 'acknowledgeTimer', { timerId })).toMatchObject({ code: 'conflict' });
    expect(await refused(core, 'cancelTimer', { timerId })).toMatchObject({ code: 'conflict' });
  });

  timerTest('refuses to acknowledge a timer that is still going', async ({ core, sessionId }) => {
    const { id: timerId } = await warm(core, sessionId);
    expect(await refused(core, 'acknowledgeTimer', { timerId })).toEqual({
      code: 'conflict',
      message: 'You cannot acknowledge a timer that is running.',
    });
  });
});

describe('+1 minute', () => {
  timerTest('adds a minute while running or paused', async ({ core, clock, sessionId }) => {
    const { id: timerId } = await warm(core, sessionId, 'warm-compress-10');
    clock.advance(100_000);
    expect(await call(core, 'addMinute', { timerId })).toMatchObject({
      durationMs: 11 * MINUTE,
      remainingMs: 560_000,
      elapsedMs: 100_000,
      maxDurationMs: 15 * MINUTE,
    });
    await call(core, 'pauseTimer', { timerId });
    expect(await call(core, 'addMinute', { timerId })).toMatchObject({
      state: 'paused',
      durationMs: 12 * MINUTE,
      remainingMs: 620_000,
    });
  });

  timerTest(
    'never takes a warm compress past 15 minutes in total, and changes nothing when refused',
    async ({ core, sessionId }) => {
      const { id: timerId } = await warm(core, sessionId, 'warm-compress-10');
      for (let added = 0; added < 5; added++) await call(core, 'addMinute', { timerId });
      expect(await timer(core, sessionId, timerId)).toMatchObject({
        durationMs: 15 * MINUTE,
        remainingMs: 15 * MINUTE,
      });
      const before = databaseFingerprint(core.db);
      expect(await refused(core, 'addMinute', { timerId })).toEqual({
        code: 'conflict',
        message: 'A warm compress can run for at most 15 minutes in total.',
      });
      expect(databaseFingerprint(core.db)).toBe(before);
    },
  );

  timerTest(
    'caps the cool pack at 20 and the warm-up at 5 minutes; left/right has nothing to add',
    async ({ core, sessionId }) => {
      const cool = await call(core, 'startTimer', { sessionId, presetId: 'cool-pack-10', safetyConfirmed: true });
      for (let added = 0; added < 10; added++) await call(core, 'addMinute', { timerId: cool.id });
      expect(await refused(core, 'addMinute', { timerId: cool.id })).toMatchObject({ code: 'conflict' });
      expect((await timer(core, sessionId, cool.id)).durationMs).toBe(20 * MINUTE);

      const warmUp = await call(core, 'startTimer', { sessionId, presetId: 'hand-expression-warm-up' });
      for (let added = 0; added < 4; added++) await call(core, 'addMinute', { timerId: warmUp.id });
      expect(await refused(core, 'addMinute', { timerId: warmUp.id })).toMatchObject({ code: 'conflict' });

      const leftRight = await call(core, 'startTimer', { sessionId, presetId: 'left-right' });
      expect(await refused(core, 'addMinute', { timerId: leftRight.id })).toEqual({
        code: 'conflict',
        message: 'The left and right timer counts up; it has no minutes to add.',
      });
    },
  );
});

describe('several timers at once', () => {
  timerTest(
    'runs a compress, a cool pack and the left/right timer side by side, one of each kind',
    async ({ core, clock, sessionId }) => {
      const compress = await warm(core, sessionId, 'warm-compress-2');
      clock.advance(MINUTE);
      const leftRight = await call(core, 'startTimer', { sessionId, presetId: 'left-right' });
      const cool = await call(core, 'startTimer', { sessionId, presetId: 'cool-pack-10', safetyConfirmed: true });
      expect(
        await refused(core, 'startTimer', { sessionId, presetId: 'warm-compress-5', safetyConfirmed: true }),
      ).toEqual({
        code: 'conflict',
        message: 'A warm compress is already going. Pause or cancel it before starting another.',
      });
      await call(core, 'pauseTimer', { timerId: cool.id });
      clock.advance(90_000);

      const views = await call(core, 'listTimers', { sessionId });
      expect(views.map(({ id, state, remainingMs, leftMs }) => ({ id, state, remainingMs, leftMs }))).toEqual([
        { id: compress.id, state: 'finished', remainingMs: 0, leftMs: null },
        { id: leftRight.id, state: 'running', remainingMs: null, leftMs: 90_000 },
        { id: cool.id, state: 'paused', remainingMs: 10 * MINUTE, leftMs: null },
      ]);
      // The finished compress no longer blocks a new one.
      expect((await warm(core, sessionId, 'warm-compress-5')).state).toBe('running');
    },
  );

  timerTest('keeps each session to its own timers', async ({ core, sessionId }) => {
    const other = openSession(core, 'Room 2');
    await warm(core, sessionId);
    await call(core, 'startTimer', { sessionId: other, presetId: 'warm-compress-5', safetyConfirmed: true });
    expect(await call(core, 'listTimers', { sessionId })).toHaveLength(1);
    expect(await call(core, 'listTimers', { sessionId: other })).toHaveLength(1);
  });
});

describe('the left/right timer', () => {
  timerTest('keeps each side’s total across switches and pauses', async ({ core, clock, sessionId }) => {
    const { id: timerId } = await call(core, 'startTimer', { sessionId, presetId: 'left-right' });
    clock.advance(3 * MINUTE);
    expect(await call(core, 'switchSide', { timerId })).toMatchObject({
      side: 'right',
      leftMs: 3 * MINUTE,
      rightMs: 0,
    });
    clock.advance(2 * MINUTE);
    expect(await call(core, 'pauseTimer', { timerId })).toMatchObject({ leftMs: 3 * MINUTE, rightMs: 2 * MINUTE });
    clock.advance(5 * MINUTE);
    // A paused timer switches side and stays paused.
    expect(await call(core, 'switchSide', { timerId })).toMatchObject({ state: 'paused', side: 'left' });
    clock.advance(MINUTE);
    await call(core, 'resumeTimer', { timerId });
    clock.advance(MINUTE + 500);
    expect(await timer(core, sessionId, timerId)).toMatchObject({
      state: 'running',
      side: 'left',
      leftMs: 4 * MINUTE + 500,
      rightMs: 2 * MINUTE,
      elapsedMs: 6 * MINUTE + 500,
    });
    expect(await call(core, 'cancelTimer', { timerId })).toMatchObject({
      state: 'cancelled',
      leftMs: 4 * MINUTE + 500,
      rightMs: 2 * MINUTE,
    });
    clock.advance(MINUTE);
    expect(await timer(core, sessionId, timerId)).toMatchObject({ leftMs: 4 * MINUTE + 500, rightMs: 2 * MINUTE });
    expect(await refused(core, 'switchSide', { timerId })).toMatchObject({ code: 'conflict' });
  });

  timerTest('refuses to switch sides on a countdown', async ({ core, sessionId }) => {
    const { id: timerId } = await warm(core, sessionId);
    expect(await refused(core, 'switchSide', { timerId })).toEqual({
      code: 'conflict',
      message: 'Only the left and right timer has sides.',
    });
  });
});

describe('sessions and their timers', () => {
  timerTest(
    'stops running and paused timers when the session ends, and then refuses changes',
    async ({ core, clock, sessionId }) => {
      const compress = await warm(core, sessionId, 'warm-compress-10');
      const cool = await call(core, 'startTimer', { sessionId, presetId: 'cool-pack-10', safetyConfirmed: true });
      const leftRight = await call(core, 'startTimer', { sessionId, presetId: 'left-right' });
      const warmUp = await call(core, 'startTimer', { sessionId, presetId: 'hand-expression-warm-up' });
      clock.advance(2 * MINUTE);
      await call(core, 'pauseTimer', { timerId: cool.id });
      clock.advance(MINUTE);
      await call(core, 'endSession', { sessionId, reason: 'completed' });
      // Stopped in the ending transaction itself, before any screen reads them.
      expect([compress, cool, leftRight, warmUp].map((view) => getTimer(core.db, view.id)?.state)).toEqual([
        'cancelled',
        'cancelled',
        'cancelled',
        'finished',
      ]);

      const views = await call(core, 'listTimers', { sessionId });
      expect(views.map(({ id, state }) => ({ id, state }))).toEqual([
        { id: compress.id, state: 'cancelled' },
        { id: cool.id, state: 'cancelled' },
        { id: leftRight.id, state: 'cancelled' },
        { id: warmUp.id, state: 'finished' },
      ]);
      expect(views[0]).toMatchObject({ remainingMs: 7 * MINUTE, elapsedMs: 3 * MINUTE });
      expect(views[2]).toMatchObject({ leftMs: 3 * MINUTE, rightMs: 0 });

      const before = databaseFingerprint(core.db);
      for (const method of ['pauseTimer', 'resumeTimer', 'addMinute', 'cancelTimer', 'switchSide'] as const) {
        expect(await refused(core, method, { timerId: compress.id })).toEqual({
          code: 'conflict',
          message: 'That session has ended; its timers can no longer change.',
        });
      }
      expect(await refused(core, 'acknowledgeTimer', { timerId: warmUp.id })).toMatchObject({ code: 'conflict' });
      expect(await refused(core, 'startTimer', { sessionId, presetId: 'left-right' })).toEqual({
        code: 'conflict',
        message: 'That session has ended.',
      });
      expect(databaseFingerprint(core.db)).toBe(before);
    },
  );

  timerTest(
    'stops timers as of the auto-close time when housekeeping closes a forgotten session',
    async ({ core, clock, sessionId }) => {
      const compress = await warm(core, sessionId, 'warm-compress-10');
      const leftRight = await call(core, 'startTimer', { sessionId, presetId: 'left-right' });
      clock.advance(5 * 60 * MINUTE);
      expect(core.runHousekeeping()).toBe(1);
      // Closed as of 3 hours (the default limit): the compress had finished by then; left/right counted 3 hours.
      const views = await call(core, 'listTimers', { sessionId });
      expect(views.find((view) => view.id === compress.id)).toMatchObject({ state: 'finished' });
      expect(views.find((view) => view.id === leftRight.id)).toMatchObject({
        state: 'cancelled',
        leftMs: 180 * MINUTE,
      });
      expect(timerEvents(core, sessionId).filter((event) => event.type === 'timer-cancelled')).toEqual([
        {
          type: 'timer-cancelled',
          at: T0 + 180 * MINUTE,
          detail: {
            preset: 'left-right',
            plannedSeconds: null,
            actualSeconds: 10_800,
            leftSeconds: 10_800,
            rightSeconds: 0,
          },
        },
      ]);
    },
  );

  timerTest(
    'answers not-found for a timer or session that does not exist, changing nothing',
    async ({ core, sessionId }) => {
      await warm(core, sessionId);
      const before = databaseFingerprint(core.db);
      for (const method of [
        'pauseTimer',
        'resumeTimer',
        'addMinute',
        'cancelTimer',
        'acknowledgeTimer',
        'switchSide',
      ] as const) {
        expect(await refused(core, method, { timerId: 999 })).toEqual({
          code: 'not-found',
          message: 'That timer does not exist.',
        });
      }
      expect(await refused(core, 'listTimers', { sessionId: crypto.randomUUID() })).toMatchObject({
        code: 'not-found',
      });
      expect(databaseFingerprint(core.db)).toBe(before);
    },
  );
});

describe('events', () => {
  timerTest(
    'records start, finish and cancel with planned and actual seconds only',
    async ({ core, clock, sessionId }) => {
      const compress = await warm(core, sessionId, 'warm-compress-5');
      await call(core, 'addMinute', { timerId: compress.id });
      const cool = await call(core, 'startTimer', { sessionId, presetId: 'cool-pack-10', safetyConfirmed: true });
      clock.advance(150_000);
      await call(core, 'cancelTimer', { timerId: cool.id });
      // Read two minutes after the compress ran out: the event is dated when it reached zero.
      clock.advance(210_000 + 2 * MINUTE);
      expect(await call(core, 'listTimers', { sessionId })).toHaveLength(2);
      await call(core, 'listTimers', { sessionId });

      expect(timerEvents(core, sessionId)).toEqual([
        {
          type: 'timer-started',
          at: T0,
          detail: { preset: 'warm-compress-5', plannedSeconds: 300, actualSeconds: 0 },
        },
        { type: 'timer-started', at: T0, detail: { preset: 'cool-pack-10', plannedSeconds: 600, actualSeconds: 0 } },
        {
          type: 'timer-cancelled',
          at: T0 + 150_000,
          detail: { preset: 'cool-pack-10', plannedSeconds: 600, actualSeconds: 150 },
        },
        {
          type: 'timer-finished',
          at: T0 + 6 * MINUTE,
          detail: { preset: 'warm-compress-5', plannedSeconds: 360, actualSeconds: 360 },
        },
      ]);
    },
  );

  timerTest('finishes timers in the sweep even when no screen asks', async ({ core, clock, sessionId }) => {
    await call(core, 'startTimer', { sessionId, presetId: 'hand-expression-warm-up' });
    clock.advance(59_999);
    expect(core.sweepTimers()).toBe(0);
    clock.advance(1);
    expect(core.sweepTimers()).toBe(1);
    expect(core.sweepTimers()).toBe(0);
    expect(timerEvents(core, sessionId).map((event) => [event.type, event.at])).toEqual([
      ['timer-started', T0],
      ['timer-finished', T0 + MINUTE],
    ]);
  });

  timerTest('refuses timer events from the renderer: main records them', async ({ core, sessionId }) => {
    expect(
      await refused(core, 'recordSessionEvent', { sessionId, type: 'timer-finished' as 'help-requested' }),
    ).toMatchObject({ code: 'invalid-input' });
  });
});
