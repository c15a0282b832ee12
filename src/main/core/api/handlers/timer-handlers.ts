import type { FeatureHandlers, HandlerContext } from '../handler-types';

type TimerMethods =
  | 'listTimers'
  | 'startTimer'
  | 'pauseTimer'
  | 'resumeTimer'
  | 'addMinute'
  | 'cancelTimer'
  | 'acknowledgeTimer'
  | 'switchSide';

/** The parent's timers: services/timers.ts keeps them, so a reload or a restart shows the same time left. */
export function timerHandlers({ timers }: HandlerContext): FeatureHandlers<TimerMethods> {
  return {
    listTimers: ({ sessionId }) => timers.list(sessionId),
    startTimer: (request) => timers.start(request),
    pauseTimer: ({ timerId }) => timers.pause(timerId),
    resumeTimer: ({ timerId }) => timers.resume(timerId),
    addMinute: ({ timerId }) => timers.addMinute(timerId),
    cancelTimer: ({ timerId }) => timers.cancel(timerId),
    acknowledgeTimer: ({ timerId }) => timers.acknowledge(timerId),
    switchSide: ({ timerId }) => timers.switchSide(timerId),
  };
}
