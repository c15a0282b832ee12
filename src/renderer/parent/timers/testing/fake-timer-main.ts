/**
 * A small stand-in for main's timers in component tests: it keeps timers the way services/timers.ts does (time left,
 * pause, +1 minute up to the limit, finished when read after running out, the left/right sides) on the test's fake
 * `Date`, so main's clock and the page's move together. The real rules are tested in core and end to end; this only
 * lets screens be driven through whole flows. Its limits are main's own (shared/timer-limits.ts), not a copy.
 */
import type { TimerKind } from '../../../../shared/content-types';
import type { TimerSide, TimerView } from '../../../../shared/domain';
import type { ApiResult } from '../../../../shared/errors';
import { MINUTE_MS as MINUTE, TIMER_LIMITS_MS as LIMITS } from '../../../../shared/timer-limits';
import { ok, fails, type StubKiosk } from '../../../testing/stub-kiosk';

const PRESETS: Record<string, { kind: TimerKind; minutes: number | null }> = {
  'warm-compress-2': { kind: 'warm-compress', minutes: 2 },
  'warm-compress-5': { kind: 'warm-compress', minutes: 5 },
  'warm-compress-10': { kind: 'warm-compress', minutes: 10 },
  'cool-pack-10': { kind: 'cool-pack', minutes: 10 },
  'hand-expression-warm-up': { kind: 'warm-up', minutes: 1 },
  'left-right': { kind: 'left-right', minutes: null },
};

interface FakeTimer {
  view: TimerView;
  /** Countdown: wall time it ends while running. Left/right: when the current side started counting. */
  mark: number;
}

export function fakeTimerMain(api: StubKiosk) {
  /** How far main's clock is ahead of the page's (a page that missed time, as after a sleep). */
  let skew = 0;
  let wall = Date.now();
  const timers: FakeTimer[] = [];
  const read = () => (wall = Date.now() + skew);

  function settle(timer: FakeTimer): TimerView {
    const { view } = timer;
    if (view.state === 'running' && view.kind !== 'left-right') {
      const left = timer.mark - wall;
      if (left <= 0) Object.assign(view, { state: 'finished', remainingMs: 0, endsAt: null });
      else Object.assign(view, { remainingMs: left, endsAt: timer.mark });
    }
    if (view.state === 'running' && view.kind === 'left-right') {
      const side = view.side === 'left' ? 'leftMs' : 'rightMs';
      view[side] = (view[side] ?? 0) + (wall - timer.mark);
      timer.mark = wall;
    }
    view.elapsedMs =
      view.kind === 'left-right'
        ? (view.leftMs ?? 0) + (view.rightMs ?? 0)
        : (view.durationMs ?? 0) - (view.remainingMs ?? 0);
    view.serverNow = wall;
    return { ...view };
  }

  const find = (timerId: number) => timers.find((timer) => timer.view.id === timerId);
  const answer = (timer: FakeTimer): Promise<ApiResult<TimerView>> => ok(settle(timer));
  const conflict = () => fails('conflict');

  function change(timerId: number, apply: (timer: FakeTimer) => boolean): Promise<ApiResult<TimerView>> {
    read();
    const timer = find(timerId);
    if (!timer) return fails('not-found');
    settle(timer);
    return apply(timer) ? answer(timer) : conflict();
  }

  api.listTimers.mockImplementation(() => {
    read();
    return ok(timers.map(settle));
  });
  api.startTimer.mockImplementation(({ presetId, safetyConfirmed, side }) => {
    read();
    const preset = PRESETS[presetId];
    if (!preset) return fails('not-found');
    if (preset.kind !== 'left-right' && preset.kind !== 'warm-up' && !safetyConfirmed) return fails('invalid-input');
    timers.forEach(settle);
    if (timers.some((t) => t.view.kind === preset.kind && ['running', 'paused'].includes(t.view.state))) {
      return conflict();
    }
    const durationMs = preset.minutes === null ? null : preset.minutes * MINUTE;
    const countsUp = durationMs === null;
    const timer: FakeTimer = {
      mark: countsUp ? wall : wall + durationMs,
      view: {
        id: timers.length + 1,
        presetId,
        kind: preset.kind,
        state: 'running',
        startedAt: wall,
        durationMs,
        maxDurationMs: LIMITS[preset.kind],
        remainingMs: durationMs,
        elapsedMs: 0,
        endsAt: countsUp ? null : wall + durationMs,
        side: countsUp ? (side ?? 'left') : null,
        leftMs: countsUp ? 0 : null,
        rightMs: countsUp ? 0 : null,
        serverNow: wall,
      },
    };
    timers.push(timer);
    return answer(timer);
  });
  api.pauseTimer.mockImplementation(({ timerId }) =>
    change(timerId, (timer) => {
      if (timer.view.state !== 'running') return false;
      Object.assign(timer.view, { state: 'paused', endsAt: null });
      return true;
    }),
  );
  api.resumeTimer.mockImplementation(({ timerId }) =>
    change(timerId, (timer) => {
      if (timer.view.state !== 'paused') return false;
      timer.view.state = 'running';
      timer.mark = timer.view.kind === 'left-right' ? wall : wall + (timer.view.remainingMs ?? 0);
      return true;
    }),
  );
  api.addMinute.mockImplementation(({ timerId }) =>
    change(timerId, (timer) => {
      const { view } = timer;
      if (view.durationMs === null || view.maxDurationMs === null) return false;
      if (view.durationMs + MINUTE > view.maxDurationMs) return false;
      view.durationMs += MINUTE;
      if (view.state === 'paused') view.remainingMs = (view.remainingMs ?? 0) + MINUTE;
      else timer.mark += MINUTE;
      return true;
    }),
  );
  api.cancelTimer.mockImplementation(({ timerId }) =>
    change(timerId, (timer) => {
      if (!['running', 'paused'].includes(timer.view.state)) return false;
      timer.view.state = 'cancelled';
      return true;
    }),
  );
  api.acknowledgeTimer.mockImplementation(({ timerId }) =>
    change(timerId, (timer) => {
      if (timer.view.state !== 'finished') return false;
      timer.view.state = 'acknowledged';
      return true;
    }),
  );
  api.switchSide.mockImplementation(({ timerId }) =>
    change(timerId, (timer) => {
      const { view } = timer;
      if (view.side === null || !['running', 'paused'].includes(view.state)) return false;
      view.side = (view.side === 'left' ? 'right' : 'left') satisfies TimerSide;
      timer.mark = wall;
      return true;
    }),
  );

  return {
    /** Main's clock jumps ahead of the page's (the page missed time). */
    jump(ms: number): void {
      skew += ms;
    },
    timers: () => timers.map((timer) => ({ ...timer.view })),
  };
}
