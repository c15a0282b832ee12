import type { TimerRow } from '../repositories/timers-repository';

/** A five-minute warm compress started at `startedAt` and running, as a row to insert. */
export function runningWarmCompress(sessionId: number, startedAt: number): Omit<TimerRow, 'id'> {
  return {
    sessionId,
    preset: 'warm-compress-5',
    kind: 'warm-compress',
    durationMs: 300_000,
    startedAt,
    endsAt: startedAt + 300_000,
    pausedAt: null,
    remainingMs: null,
    state: 'running',
    endedAt: null,
    side: null,
    leftMs: 0,
    rightMs: 0,
    sideStartedAt: null,
  };
}
