import { describe, expect, onTestFinished } from 'vitest';
import { ManualClock } from '../clock';
import type { KioskCore } from '../kiosk-core';
import { getTimer } from '../repositories/timers-repository';
import type { TempFolder } from '../testing/temp-database';
import { call, MINUTE, openTestCore, T0, timer, timerEvents, timerTest } from '../testing/timers-kit';

const HOUR = 60 * MINUTE;

/** Closes the core and opens a new one on the same folder, as a new process would: same wall time, monotonic from 0. */
function restart(before: { core: KioskCore; clock: ManualClock; folder: TempFolder }, afterMs: number) {
  before.core.close();
  const clock = new ManualClock(before.clock.now() + afterMs);
  const core = openTestCore(before.folder.path, clock);
  onTestFinished(() => core.close());
  return { core, clock };
}

describe('restart', () => {
  timerTest(
    'shows the same timers with the right time left, and finishes those that ran out meanwhile',
    async ({ core, clock, folder, sessionId }) => {
      const compress = await call(core, 'startTimer', {
        sessionId,
        presetId: 'warm-compress-10',
        safetyConfirmed: true,
      });
      const cool = await call(core, 'startTimer', { sessionId, presetId: 'cool-pack-10', safetyConfirmed: true });
      const warmUp = await call(core, 'startTimer', { sessionId, presetId: 'hand-expression-warm-up' });
      const leftRight = await call(core, 'startTimer', { sessionId, presetId: 'left-right' });
      clock.advance(2 * MINUTE);
      await call(core, 'switchSide', { timerId: leftRight.id });
      clock.advance(MINUTE);
      await call(core, 'pauseTimer', { timerId: cool.id });
      clock.advance(1_500);

      ({ core, clock } = restart({ core, clock, folder }, 4 * MINUTE));
      // The sweep at open already finished the warm-up, dated when it reached zero.
      expect(getTimer(core.db, warmUp.id)).toMatchObject({ state: 'finished', endedAt: T0 + MINUTE });
      const views = await call(core, 'listTimers', { sessionId });
      expect(
        views.map(({ id, state, remainingMs, leftMs, rightMs, side }) => ({
          id,
          state,
          remainingMs,
          leftMs,
          rightMs,
          side,
        })),
      ).toEqual([
        {
          id: compress.id,
          state: 'running',
          remainingMs: 10 * MINUTE - 7 * MINUTE - 1_500,
          leftMs: null,
          rightMs: null,
          side: null,
        },
        { id: cool.id, state: 'paused', remainingMs: 7 * MINUTE, leftMs: null, rightMs: null, side: null },
        { id: warmUp.id, state: 'finished', remainingMs: 0, leftMs: null, rightMs: null, side: null },
        {
          id: leftRight.id,
          state: 'running',
          remainingMs: null,
          leftMs: 2 * MINUTE,
          rightMs: 5 * MINUTE + 1_500,
          side: 'right',
        },
      ]);

      // Time goes on after the restart, on the new process's monotonic clock.
      clock.advance(MINUTE);
      expect(await timer(core, sessionId, compress.id)).toMatchObject({ remainingMs: 2 * MINUTE - 1_500 });
      await call(core, 'resumeTimer', { timerId: cool.id });
      clock.advance(2 * MINUTE);
      expect(await timer(core, sessionId, compress.id)).toMatchObject({ state: 'finished' });
      expect(await timer(core, sessionId, cool.id)).toMatchObject({ remainingMs: 5 * MINUTE });
      expect(timerEvents(core, sessionId).filter((event) => event.type === 'timer-finished')).toEqual([
        {
          type: 'timer-finished',
          at: T0 + MINUTE,
          detail: { preset: 'hand-expression-warm-up', plannedSeconds: 60, actualSeconds: 60 },
        },
        {
          type: 'timer-finished',
          at: T0 + 10 * MINUTE,
          detail: { preset: 'warm-compress-10', plannedSeconds: 600, actualSeconds: 600 },
        },
      ]);
    },
  );

  timerTest('shows the same values to a reloaded screen (a second read)', async ({ core, clock, sessionId }) => {
    const compress = await call(core, 'startTimer', { sessionId, presetId: 'warm-compress-5', safetyConfirmed: true });
    clock.advance(12_345);
    const first = await call(core, 'listTimers', { sessionId });
    const second = await call(core, 'listTimers', { sessionId });
    expect(second).toEqual(first);
    expect(first[0]).toMatchObject({ id: compress.id, remainingMs: 300_000 - 12_345 });
  });
});

/** A 10-minute warm compress and a left-right timer, both running for two minutes when the wall clock jumps. */
async function twoTimersThenAJump(core: KioskCore, clock: ManualClock, sessionId: string, jump: number) {
  const compress = await call(core, 'startTimer', { sessionId, presetId: 'warm-compress-10', safetyConfirmed: true });
  const leftRight = await call(core, 'startTimer', { sessionId, presetId: 'left-right' });
  clock.advance(2 * MINUTE);
  clock.jumpWallClock(jump);
  return { compress, leftRight };
}

describe('wall-clock changes', () => {
  for (const jump of [HOUR, -HOUR]) {
    const way = jump > 0 ? 'forward' : 'back';
    timerTest(
      `neither shortens nor stretches a running timer when the clock is set ${way} an hour`,
      async ({ core, clock, sessionId }) => {
        const { compress, leftRight } = await twoTimersThenAJump(core, clock, sessionId, jump);
        expect(await timer(core, sessionId, compress.id)).toMatchObject({
          state: 'running',
          remainingMs: 8 * MINUTE,
          endsAt: clock.now() + 8 * MINUTE,
        });
        expect(await timer(core, sessionId, leftRight.id)).toMatchObject({ leftMs: 2 * MINUTE });
        clock.advance(MINUTE);
        clock.jumpWallClock(-jump * 2);
        expect(core.sweepTimers()).toBe(0);
        expect(await timer(core, sessionId, compress.id)).toMatchObject({ remainingMs: 7 * MINUTE });
        await call(core, 'pauseTimer', { timerId: compress.id });
        clock.jumpWallClock(jump);
        await call(core, 'resumeTimer', { timerId: compress.id });
        clock.advance(7 * MINUTE - 1);
        expect(await timer(core, sessionId, compress.id)).toMatchObject({ state: 'running', remainingMs: 1 });
        expect(await timer(core, sessionId, leftRight.id)).toMatchObject({ leftMs: 10 * MINUTE - 1 });
        clock.advance(1);
        expect(await timer(core, sessionId, compress.id)).toMatchObject({ state: 'finished', elapsedMs: 10 * MINUTE });
      },
    );

    timerTest(
      `keeps the time left right across a restart after the clock was set ${way}`,
      async ({ core, clock, folder, sessionId }) => {
        const { compress, leftRight } = await twoTimersThenAJump(core, clock, sessionId, jump);
        // The per-second sweep notices the jump and rewrites the stored end from the monotonic clock.
        expect(core.sweepTimers()).toBe(0);
        ({ core } = restart({ core, clock, folder }, MINUTE));
        expect(await timer(core, sessionId, compress.id)).toMatchObject({ state: 'running', remainingMs: 7 * MINUTE });
        expect(await timer(core, sessionId, leftRight.id)).toMatchObject({ leftMs: 3 * MINUTE });
      },
    );
  }

  timerTest('ignores the ordinary gap between two clock readings', async ({ core, clock, sessionId }) => {
    const compress = await call(core, 'startTimer', { sessionId, presetId: 'warm-compress-5', safetyConfirmed: true });
    const stored = getTimer(core.db, compress.id);
    clock.advance(MINUTE);
    clock.jumpWallClock(900);
    core.sweepTimers();
    expect(getTimer(core.db, compress.id)).toEqual(stored);
  });
});
