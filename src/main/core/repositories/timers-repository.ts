import type { KioskDatabase } from '../db/open-database';

export type TimerState = 'running' | 'paused' | 'finished' | 'cancelled' | 'acknowledged';

/** A running timer is stored, so a reload, a renderer crash or a restart shows it with the right time left. */
export interface TimerRow {
  id: number;
  sessionId: number;
  preset: string;
  durationMs: number;
  startedAt: number;
  endsAt: number | null;
  pausedAt: number | null;
  remainingMs: number | null;
  state: TimerState;
}

const TIMER_COLUMNS = `id, session_id AS sessionId, preset, duration_ms AS durationMs, started_at AS startedAt,
  ends_at AS endsAt, paused_at AS pausedAt, remaining_ms AS remainingMs, state`;

export function insertTimer(db: KioskDatabase, timer: Omit<TimerRow, 'id'>): number {
  const result = db
    .prepare(
      `INSERT INTO timers (session_id, preset, duration_ms, started_at, ends_at, paused_at, remaining_ms, state)
       VALUES (@sessionId, @preset, @durationMs, @startedAt, @endsAt, @pausedAt, @remainingMs, @state)`,
    )
    .run(timer);
  return Number(result.lastInsertRowid);
}

export function listTimersForSession(db: KioskDatabase, sessionId: number): TimerRow[] {
  return db
    .prepare(`SELECT ${TIMER_COLUMNS} FROM timers WHERE session_id = ? ORDER BY id`)
    .all(sessionId) as TimerRow[];
}

export function updateTimer(
  db: KioskDatabase,
  id: number,
  change: Pick<TimerRow, 'endsAt' | 'pausedAt' | 'remainingMs' | 'state' | 'durationMs'>,
): boolean {
  const result = db
    .prepare(
      `UPDATE timers SET ends_at = @endsAt, paused_at = @pausedAt, remaining_ms = @remainingMs, state = @state,
       duration_ms = @durationMs WHERE id = @id`,
    )
    .run({ ...change, id });
  return result.changes === 1;
}
