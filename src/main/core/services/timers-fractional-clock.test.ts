import { describe, expect } from 'vitest';
import { ManualClock } from '../clock';
import { call, T0, timerTest } from '../testing/timers-kit';

/**
 * The system's monotonic clock reads in fractions of a millisecond; every timer action must still store whole
 * milliseconds in the STRICT INTEGER columns. This failed with SQLITE_CONSTRAINT_DATATYPE before readings were
 * floored where they enter core.
 */
timerTest.override('clock', () => new ManualClock(T0 + 0.25, 1234.567));

describe('timers on a fractional clock', () => {
  timerTest('pauses, resumes, extends, stops a countdown and ends the session', async ({ core, clock, sessionId }) => {
    const warm = await call(core, 'startTimer', { sessionId, presetId: 'warm-compress-5', safetyConfirmed: true });
    clock.advance(1_234.789);
    const paused = await call(core, 'pauseTimer', { timerId: warm.id });
    expect(Number.isInteger(paused.remainingMs)).toBe(true);
    clock.advance(500.333);
    await call(core, 'resumeTimer', { timerId: warm.id });
    clock.advance(0.9);
    const extended = await call(core, 'addMinute', { timerId: warm.id });
    expect(Number.isInteger(extended.endsAt)).toBe(true);
    clock.advance(2_000.1);
    await call(core, 'cancelTimer', { timerId: warm.id });

    const sides = await call(core, 'startTimer', { sessionId, presetId: 'left-right' });
    clock.advance(10_000.4);
    await call(core, 'switchSide', { timerId: sides.id });
    clock.advance(3_000.7);
    await call(core, 'pauseTimer', { timerId: sides.id });
    await call(core, 'endSession', { sessionId, reason: 'completed' });

    const stored = core.db
      .prepare(`SELECT typeof(remaining_ms) r, typeof(ends_at) e, typeof(left_ms) l, typeof(right_ms) rr FROM timers`)
      .all() as Record<string, string>[];
    for (const row of stored) for (const type of Object.values(row)) expect(['integer', 'null']).toContain(type);
  });
});
