import type { Clock } from '../clock';
import type { TimerRow } from '../repositories/timers-repository';

/**
 * How a running timer tells time.
 *
 * The database keeps wall-clock times (a running countdown's `endsAt`; the left/right timer's `sideStartedAt`), the
 * only kind of time that means anything after a restart. But the wall clock can jump (someone sets the clock, a
 * time-zone or NTP correction), and a compress timer must neither end early nor run long because of it. So, while the
 * process lives, each running timer has an anchor in memory: the wall and monotonic readings at the moment its row
 * was last written (or first read), and the value (ms left, or the counting side's total) at that moment. Elapsed
 * time since then comes from the monotonic clock alone. Every write re-anchors; a restart has no anchors, so the
 * first read takes one from the stored wall times (the best a new process can know).
 *
 * When the wall clock has moved away from the monotonic one by more than a second, the sweep rewrites the row from
 * the monotonic values (a new `endsAt`, or the side total folded in), so a restart after the jump is right too.
 */
export interface TimeMoment {
  wall: number;
  mono: number;
}

/** A timer measured at one moment. */
export interface LiveTimer {
  /** Countdowns: ms left, negative once overdue; null for the left/right timer. */
  remainingMs: number | null;
  /** Left/right timer: each side's total now; null for countdowns. */
  leftMs: number | null;
  rightMs: number | null;
  /** How far the wall clock has moved from real time since the anchor (0 when not running). */
  wallDriftMs: number;
}

interface Anchor extends TimeMoment {
  /** The stored values the anchor belongs to; a row changed elsewhere no longer matches and is re-anchored. */
  stamp: string;
  /** Countdown: ms left at the anchor. Left/right: the counting side's total at the anchor. */
  valueMs: number;
}

/** Drift below this is the ordinary gap between two clock readings, not a clock change. */
export const WALL_DRIFT_TOLERANCE_MS = 1_000;

const stampOf = (row: TimerRow) =>
  [row.state, row.durationMs, row.endsAt, row.side, row.leftMs, row.rightMs, row.sideStartedAt].join('|');

export class TimerClock {
  readonly #clock: Clock;
  readonly #anchors = new Map<number, Anchor>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** One reading of both clocks, used for a whole operation so its parts agree. */
  moment(): TimeMoment {
    return { wall: this.#clock.now(), mono: this.#clock.monotonic() };
  }

  /** Call after writing a row: a running row is anchored at `at`, any other row is forgotten. */
  anchor(row: TimerRow, at: TimeMoment): void {
    if (row.state !== 'running') {
      this.#anchors.delete(row.id);
      return;
    }
    this.#anchors.set(row.id, { ...at, stamp: stampOf(row), valueMs: wallValue(row, at.wall) });
  }

  read(row: TimerRow, at: TimeMoment): LiveTimer {
    if (row.state !== 'running') {
      const countdown = row.kind !== 'left-right';
      return {
        remainingMs: countdown ? (row.remainingMs ?? 0) : null,
        leftMs: countdown ? null : row.leftMs,
        rightMs: countdown ? null : row.rightMs,
        wallDriftMs: 0,
      };
    }
    let anchor = this.#anchors.get(row.id);
    if (!anchor || anchor.stamp !== stampOf(row)) {
      this.anchor(row, at);
      anchor = this.#anchors.get(row.id) as Anchor;
    }
    const passed = Math.max(0, at.mono - anchor.mono);
    const wallDriftMs = at.wall - anchor.wall - passed;
    if (row.kind !== 'left-right')
      return { remainingMs: anchor.valueMs - passed, leftMs: null, rightMs: null, wallDriftMs };
    const side = anchor.valueMs + passed;
    return {
      remainingMs: null,
      leftMs: row.side === 'left' ? side : row.leftMs,
      rightMs: row.side === 'right' ? side : row.rightMs,
      wallDriftMs,
    };
  }

  /** Drops anchors of timers that are no longer running (the sweep calls this with the running ids). */
  keepOnly(runningIds: ReadonlySet<number>): void {
    for (const id of this.#anchors.keys()) if (!runningIds.has(id)) this.#anchors.delete(id);
  }
}

/** A running row's value from its stored wall times alone: what a restarted process can know. */
function wallValue(row: TimerRow, wall: number): number {
  if (row.kind === 'left-right') {
    const stored = row.side === 'right' ? row.rightMs : row.leftMs;
    return stored + Math.max(0, wall - (row.sideStartedAt ?? wall));
  }
  // A wall clock set back while the kiosk was off cannot give back more than the timer's whole length.
  return Math.min(row.durationMs ?? 0, (row.endsAt ?? wall) - wall);
}
