import type { TimerKind } from '../../../shared/content-types';
import type { TimerSide, TimerState } from '../../../shared/domain';
import type { KioskDatabase } from '../db/open-database';
import { cachedStatement } from '../db/statement-cache';

export type { TimerState };

/**
 * A timer as stored, so a reload, a renderer crash or a restart shows it with the right time left.
 * Countdowns use endsAt (running) or remainingMs (paused, ended); the left/right timer uses side, leftMs, rightMs
 * and sideStartedAt. How the times are read back while the process lives: services/timers-clock.ts.
 */
export interface TimerRow {
  id: number;
  sessionId: number;
  preset: string;
  kind: TimerKind;
  /** Planned length including added minutes; null for the left/right timer. */
  durationMs: number | null;
  startedAt: number;
  endsAt: number | null;
  pausedAt: number | null;
  remainingMs: number | null;
  state: TimerState;
  endedAt: number | null;
  side: TimerSide | null;
  /** Each side's total up to sideStartedAt (or in full when not running). */
  leftMs: number;
  rightMs: number;
  sideStartedAt: number | null;
}

/** A timer with the session it belongs to, which decides whether it may still change. */
export interface TimerWithSession extends TimerRow {
  sessionUuid: string;
  sessionEndedAt: number | null;
}

/** What a write may change; id, session, preset, kind and start never change. */
export type TimerChange = Omit<TimerRow, 'id' | 'sessionId' | 'preset' | 'kind' | 'startedAt'>;

const TIMER_COLUMNS = `timers.id, timers.session_id AS sessionId, timers.preset, timers.kind,
  timers.duration_ms AS durationMs, timers.started_at AS startedAt, timers.ends_at AS endsAt,
  timers.paused_at AS pausedAt, timers.remaining_ms AS remainingMs, timers.state, timers.ended_at AS endedAt,
  timers.side, timers.left_ms AS leftMs, timers.right_ms AS rightMs, timers.side_started_at AS sideStartedAt`;

const WITH_SESSION = `SELECT ${TIMER_COLUMNS}, sessions.uuid AS sessionUuid, sessions.ended_at AS sessionEndedAt
  FROM timers JOIN sessions ON sessions.id = timers.session_id`;

export function insertTimer(db: KioskDatabase, timer: Omit<TimerRow, 'id'>): number {
  const result = cachedStatement(
    db,
    `INSERT INTO timers (session_id, preset, kind, duration_ms, started_at, ends_at, paused_at, remaining_ms, state,
         ended_at, side, left_ms, right_ms, side_started_at)
       VALUES (@sessionId, @preset, @kind, @durationMs, @startedAt, @endsAt, @pausedAt, @remainingMs, @state,
         @endedAt, @side, @leftMs, @rightMs, @sideStartedAt)`,
  ).run(timer);
  return Number(result.lastInsertRowid);
}

export function getTimer(db: KioskDatabase, id: number): TimerWithSession | undefined {
  return cachedStatement(db, `${WITH_SESSION} WHERE timers.id = ?`).get(id) as TimerWithSession | undefined;
}

export function listTimersForSession(db: KioskDatabase, sessionId: number): TimerRow[] {
  return cachedStatement(db, `SELECT ${TIMER_COLUMNS} FROM timers WHERE session_id = ? ORDER BY id`).all(
    sessionId,
  ) as TimerRow[];
}

/** Running and paused timers of every session, open or ended: the sweep settles them. */
export function listActiveTimers(db: KioskDatabase): TimerWithSession[] {
  return cachedStatement(
    db,
    `${WITH_SESSION} WHERE timers.state IN ('running', 'paused') ORDER BY timers.id`,
  ).all() as TimerWithSession[];
}

export function updateTimer(db: KioskDatabase, id: number, change: TimerChange): boolean {
  const result = cachedStatement(
    db,
    `UPDATE timers SET duration_ms = @durationMs, ends_at = @endsAt, paused_at = @pausedAt,
         remaining_ms = @remainingMs, state = @state, ended_at = @endedAt, side = @side, left_ms = @leftMs,
         right_ms = @rightMs, side_started_at = @sideStartedAt
       WHERE id = @id`,
  ).run({ ...change, id });
  return result.changes === 1;
}
