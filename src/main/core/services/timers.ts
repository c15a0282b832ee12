import type { ContentPack } from '../../../shared/content-types';
import type { Language, TimerSide, TimerView } from '../../../shared/domain';
import type { Clock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { KioskError } from '../errors';
import { insertSessionEvent } from '../repositories/session-events-repository';
import { findSessionByUuid } from '../repositories/sessions-repository';
import {
  getTimer,
  insertTimer,
  listActiveTimers,
  listTimersForSession,
  updateTimer,
  type TimerChange,
  type TimerRow,
} from '../repositories/timers-repository';
import { TimerClock, WALL_DRIFT_TOLERANCE_MS, type TimeMoment } from './timers-clock';
import { MINUTE_MS, TIMER_KIND_WORDS, TIMER_LIMITS_MS } from './timers-limits';

const isActive = (row: TimerRow) => row.state === 'running' || row.state === 'paused';
const seconds = (ms: number) => Math.round(ms / 1000);
const otherSide = (side: TimerSide): TimerSide => (side === 'left' ? 'right' : 'left');

export interface StartTimerRequest {
  sessionId: string;
  presetId: string;
  safetyConfirmed?: boolean;
  side?: TimerSide;
}

/**
 * The parent's timers: presets from the content pack, the safety confirmation, the hard limits, pause and resume, the
 * left/right timer, and their events. State lives in the database (so a reload or restart shows the same timer);
 * time is measured as described in timers-clock.ts. Every change is one immediate transaction.
 */
export class Timers {
  readonly #db: KioskDatabase;
  readonly #content: { pack(language: Language): ContentPack };
  readonly #time: TimerClock;

  constructor(db: KioskDatabase, clock: Clock, content: { pack(language: Language): ContentPack }) {
    this.#db = db;
    this.#content = content;
    this.#time = new TimerClock(clock);
  }

  /** Every timer of a session, oldest first, with any that ran out marked finished. */
  list(sessionUuid: string): TimerView[] {
    const session = findSessionByUuid(this.#db, sessionUuid);
    if (!session) throw new KioskError('not-found', 'That session does not exist.');
    const at = this.#time.moment();
    return this.#transaction(
      () =>
        listTimersForSession(this.#db, session.id).map((row) => this.#view(this.#settle(row, session.endedAt, at), at)),
      'deferred',
    );
  }

  start(request: StartTimerRequest): TimerView {
    const session = findSessionByUuid(this.#db, request.sessionId);
    if (!session) throw new KioskError('not-found', 'That session does not exist.');
    if (session.endedAt !== null) throw new KioskError('conflict', 'That session has ended.');
    const pack = this.#content.pack(session.language);
    const preset = pack.timerPresets.find((candidate) => candidate.id === request.presetId);
    if (!preset) throw new KioskError('not-found', `There is no timer called "${request.presetId}".`);
    const notes = pack.timerSafetyNotes.filter((note) => preset.safetyNoteIds.includes(note.id));
    if (notes.some((note) => note.confirmBeforeStart) && request.safetyConfirmed !== true) {
      throw new KioskError('invalid-input', 'Please read the safety note and confirm it before this timer starts.');
    }
    const countsUp = preset.kind === 'left-right';
    if (request.side && !countsUp) throw new KioskError('invalid-input', 'Only the left and right timer has sides.');
    const durationMs = preset.minutes === null ? null : preset.minutes * MINUTE_MS;
    const limit = TIMER_LIMITS_MS[preset.kind];
    if (countsUp !== (durationMs === null) || (limit !== null && (durationMs ?? 0) > limit)) {
      throw new KioskError('conflict', `A ${TIMER_KIND_WORDS[preset.kind]} cannot run that long on this kiosk.`);
    }

    const at = this.#time.moment();
    return this.#transaction(() => {
      const running = listTimersForSession(this.#db, session.id)
        .map((row) => this.#settle(row, null, at))
        .find((row) => isActive(row) && row.kind === preset.kind);
      if (running) {
        throw new KioskError(
          'conflict',
          `A ${TIMER_KIND_WORDS[preset.kind]} is already going. Pause or cancel it before starting another.`,
        );
      }
      const timer: Omit<TimerRow, 'id'> = {
        sessionId: session.id,
        preset: preset.id,
        kind: preset.kind,
        durationMs,
        startedAt: at.wall,
        endsAt: durationMs === null ? null : at.wall + durationMs,
        pausedAt: null,
        remainingMs: null,
        state: 'running',
        endedAt: null,
        side: countsUp ? (request.side ?? 'left') : null,
        leftMs: 0,
        rightMs: 0,
        sideStartedAt: countsUp ? at.wall : null,
      };
      const row: TimerRow = { ...timer, id: insertTimer(this.#db, timer) };
      this.#time.anchor(row, at);
      this.#event(row, 'timer-started', at.wall, 0);
      return this.#view(row, at);
    });
  }

  pause(timerId: number): TimerView {
    return this.#change(timerId, (row, at) => {
      if (row.state !== 'running') throw this.#notNow(row, 'pause');
      const live = this.#time.read(row, at);
      if (row.kind === 'left-right') {
        return { ...this.#folded(row, live.leftMs, live.rightMs, null), state: 'paused', pausedAt: at.wall };
      }
      return { state: 'paused', pausedAt: at.wall, remainingMs: live.remainingMs, endsAt: null };
    });
  }

  resume(timerId: number): TimerView {
    return this.#change(timerId, (row, at) => {
      if (row.state !== 'paused') throw this.#notNow(row, 'resume');
      if (row.kind === 'left-right') return { state: 'running', pausedAt: null, sideStartedAt: at.wall };
      return { state: 'running', pausedAt: null, remainingMs: null, endsAt: at.wall + (row.remainingMs ?? 0) };
    });
  }

  /** "+1 minute": never past the kind's hard limit (timers-limits.ts). */
  addMinute(timerId: number): TimerView {
    return this.#change(timerId, (row, at) => {
      if (!isActive(row)) throw this.#notNow(row, 'add a minute to');
      const limit = TIMER_LIMITS_MS[row.kind];
      if (row.durationMs === null || limit === null) {
        throw new KioskError('conflict', 'The left and right timer counts up; it has no minutes to add.');
      }
      const durationMs = row.durationMs + MINUTE_MS;
      if (durationMs > limit) {
        throw new KioskError(
          'conflict',
          `A ${TIMER_KIND_WORDS[row.kind]} can run for at most ${limit / MINUTE_MS} minutes in total.`,
        );
      }
      if (row.state === 'paused') return { durationMs, remainingMs: (row.remainingMs ?? 0) + MINUTE_MS };
      const remainingMs = this.#time.read(row, at).remainingMs ?? 0;
      return { durationMs, endsAt: at.wall + remainingMs + MINUTE_MS };
    });
  }

  /** Cancels a countdown, or stops the left/right timer (its totals are kept). */
  cancel(timerId: number): TimerView {
    return this.#change(timerId, (row, at) => {
      if (!isActive(row)) throw this.#notNow(row, 'cancel');
      return this.#stopped(row, at.wall, at);
    });
  }

  /** A finished timer stays finished (and chiming, in the renderer) until the parent acknowledges it. */
  acknowledge(timerId: number): TimerView {
    return this.#change(timerId, (row) => {
      if (row.state !== 'finished') throw this.#notNow(row, 'acknowledge');
      return { state: 'acknowledged' };
    });
  }

  /** The left/right timer moves to the other side; a paused timer stays paused on the new side. */
  switchSide(timerId: number): TimerView {
    return this.#change(timerId, (row, at) => {
      if (row.kind !== 'left-right' || row.side === null) {
        throw new KioskError('conflict', 'Only the left and right timer has sides.');
      }
      if (!isActive(row)) throw this.#notNow(row, 'switch sides on');
      if (row.state === 'paused') return { side: otherSide(row.side) };
      const live = this.#time.read(row, at);
      return { ...this.#folded(row, live.leftMs, live.rightMs, at.wall), side: otherSide(row.side) };
    });
  }

  /**
   * Called inside the transaction that ends a session: its running and paused timers stop as of the end
   * (a countdown that had already run out by then is finished instead).
   */
  cancelForSession(sessionDbId: number, endedAt: number): void {
    const at = this.#time.moment();
    this.#transaction(() => {
      for (const row of listTimersForSession(this.#db, sessionDbId)) this.#settle(row, endedAt, at);
    });
  }

  /**
   * Marks countdowns that ran out as finished, stops timers of sessions that ended by any route, and rewrites running
   * timers after a wall-clock jump. The core runs it every second while the app runs; answers how many ended.
   */
  sweep(): number {
    const at = this.#time.moment();
    return this.#transaction(() => {
      let ended = 0;
      const running = new Set<number>();
      for (const row of listActiveTimers(this.#db)) {
        const settled = this.#settle(row, row.sessionEndedAt, at);
        if (!isActive(settled)) ended++;
        if (settled.state === 'running') running.add(settled.id);
      }
      this.#time.keepOnly(running);
      return ended;
    }, 'deferred');
  }

  /**
   * Changes take the write lock up front (immediate). Reads that settle timers (listTimers, the sweep) are deferred:
   * they write only when a timer actually finished, so a read that changes nothing never needs the write lock.
   */
  #transaction<T>(work: () => T, mode: 'immediate' | 'deferred' = 'immediate'): T {
    return this.#db.transaction(work)[mode]();
  }

  /** Loads a timer of an open session, settles it, applies the change and answers the new view. */
  #change(timerId: number, change: (row: TimerRow, at: TimeMoment) => Partial<TimerChange>): TimerView {
    const at = this.#time.moment();
    return this.#transaction(() => {
      const found = getTimer(this.#db, timerId);
      if (!found) throw new KioskError('not-found', 'That timer does not exist.');
      if (found.sessionEndedAt !== null) {
        throw new KioskError('conflict', 'That session has ended; its timers can no longer change.');
      }
      const row = this.#settle(found, null, at);
      return this.#view(this.#write(row, change(row, at), at), at);
    });
  }

  #write(row: TimerRow, change: Partial<TimerChange>, at: TimeMoment): TimerRow {
    const next: TimerRow = { ...row, ...change };
    updateTimer(this.#db, row.id, next);
    this.#time.anchor(next, at);
    return next;
  }

  /**
   * Brings an active timer up to date: stops it if its session ended (as of `sessionEndedAt`), finishes a countdown
   * that ran out, and re-anchors a running timer whose wall clock jumped. Other rows come back unchanged.
   */
  #settle(row: TimerRow, sessionEndedAt: number | null, at: TimeMoment): TimerRow {
    if (!isActive(row)) return row;
    if (sessionEndedAt !== null) return this.#write(row, this.#stopped(row, Math.min(sessionEndedAt, at.wall), at), at);
    if (row.state !== 'running') return row;
    const live = this.#time.read(row, at);
    if (live.remainingMs !== null && live.remainingMs <= 0) {
      return this.#write(row, this.#finished(row, at.wall + live.remainingMs), at);
    }
    if (Math.abs(live.wallDriftMs) <= WALL_DRIFT_TOLERANCE_MS) return row;
    if (live.remainingMs !== null) return this.#write(row, { endsAt: at.wall + live.remainingMs }, at);
    return this.#write(row, this.#folded(row, live.leftMs, live.rightMs, at.wall), at);
  }

  #finished(row: TimerRow, zeroAt: number): Partial<TimerChange> {
    const endedAt = Math.max(zeroAt, row.startedAt);
    this.#event(row, 'timer-finished', endedAt, row.durationMs ?? 0);
    return { state: 'finished', endedAt, remainingMs: 0, pausedAt: null };
  }

  /** Stops an active timer as of `stopAt` (now, or a session's end in the recent past). */
  #stopped(row: TimerRow, stopAt: number, at: TimeMoment): Partial<TimerChange> {
    const live = this.#time.read(row, at);
    // Time between the stop and now did not count.
    const undo = row.state === 'running' ? Math.max(0, at.wall - stopAt) : 0;
    if (row.kind === 'left-right') {
      const back = (side: TimerSide, total: number | null) => {
        const stored = side === 'left' ? row.leftMs : row.rightMs;
        return row.side === side ? Math.max(stored, (total ?? stored) - undo) : stored;
      };
      const change = {
        ...this.#folded(row, back('left', live.leftMs), back('right', live.rightMs), null),
        state: 'cancelled' as const,
        endedAt: stopAt,
      };
      this.#event({ ...row, ...change }, 'timer-cancelled', stopAt, change.leftMs + change.rightMs);
      return change;
    }
    const remainingMs = Math.min(row.durationMs ?? 0, (live.remainingMs ?? 0) + undo);
    if (remainingMs <= 0) return this.#finished(row, stopAt + remainingMs);
    this.#event(row, 'timer-cancelled', stopAt, (row.durationMs ?? 0) - remainingMs);
    return { state: 'cancelled', endedAt: stopAt, remainingMs, endsAt: null };
  }

  /** The left/right totals as they stand, counting from `sideStartedAt` (null when the timer stops counting). */
  #folded(row: TimerRow, leftMs: number | null, rightMs: number | null, sideStartedAt: number | null) {
    return { leftMs: leftMs ?? row.leftMs, rightMs: rightMs ?? row.rightMs, sideStartedAt };
  }

  /** Events carry the preset and times only: nothing about the parent. */
  #event(row: TimerRow, type: 'timer-started' | 'timer-finished' | 'timer-cancelled', when: number, actualMs: number) {
    const detail: Record<string, string | number | null> = {
      preset: row.preset,
      plannedSeconds: row.durationMs === null ? null : seconds(row.durationMs),
      actualSeconds: seconds(actualMs),
    };
    if (row.kind === 'left-right' && type !== 'timer-started') {
      detail.leftSeconds = seconds(row.leftMs);
      detail.rightSeconds = seconds(row.rightMs);
    }
    insertSessionEvent(this.#db, { sessionId: row.sessionId, at: when, type, detail });
  }

  #notNow(row: TimerRow, action: string): KioskError {
    const state = row.state === 'acknowledged' ? 'finished' : row.state;
    return new KioskError('conflict', `You cannot ${action} a timer that is ${state}.`);
  }

  #view(row: TimerRow, at: TimeMoment): TimerView {
    const live = this.#time.read(row, at);
    const countdown = row.durationMs !== null;
    const remainingMs = countdown ? Math.max(0, live.remainingMs ?? 0) : null;
    const elapsedMs = countdown ? (row.durationMs ?? 0) - (remainingMs ?? 0) : (live.leftMs ?? 0) + (live.rightMs ?? 0);
    return {
      id: row.id,
      presetId: row.preset,
      kind: row.kind,
      state: row.state,
      startedAt: row.startedAt,
      durationMs: row.durationMs,
      maxDurationMs: TIMER_LIMITS_MS[row.kind],
      remainingMs,
      elapsedMs: Math.max(0, elapsedMs),
      endsAt: countdown && row.state === 'running' ? at.wall + (remainingMs ?? 0) : null,
      side: row.side,
      leftMs: countdown ? null : live.leftMs,
      rightMs: countdown ? null : live.rightMs,
      serverNow: at.wall,
    };
  }
}
