/**
 * The parent's timers as main last described them. Main owns every timer (state, time left, the sides' totals): this
 * board never keeps a countdown of its own. It asks main with listTimers every few seconds and right after every
 * action, and between answers it moves the digits on from main's last answer with the page's monotonic clock
 * (performance.now), so a reload shows the same time left, to the second.
 *
 * One board for the open session, shared by the hub's strip of running timers and the Timers section.
 */
import type { ApiInput, KioskApi } from '../../../shared/contract';
import type { TimerKind } from '../../../shared/content-types';
import type { TimerSide, TimerView } from '../../../shared/domain';
import type { ApiResult } from '../../../shared/errors';
import { callKiosk } from '../../lib/kiosk-api';

/** How often main is asked while the hub is open. */
export const POLL_MS = 5_000;
/** How often the digits move (a little more often than once a second, so seconds never skip). */
export const TICK_MS = 250;
/** A countdown that reached zero here is asked about again at most this often until main says it is finished. */
const ZERO_RECHECK_MS = 1_000;

/** A timer as main described it, and when (performance.now) that answer arrived. */
export interface HeldTimer {
  view: TimerView;
  at: number;
}

/** Where the Timers section should go next: a timer, or a preset (from a guide, a tip, the strip). */
export type TimerTarget = { kind: 'timer'; timerId: number } | { kind: 'preset'; presetId: string };

export interface StartOptions {
  safetyConfirmed?: boolean;
  side?: TimerSide;
}

type TimerCall = (api: KioskApi) => Promise<ApiResult<TimerView>>;

const isActive = (view: TimerView) => view.state === 'running' || view.state === 'paused';

export class TimerBoard {
  #sessionId: string | null = null;
  #held = $state<HeldTimer[]>([]);
  /** The page's monotonic clock at the last tick: what the digits are drawn for. */
  #now = $state(0);
  /** Main's wall clock as last heard (from a timer answer or the kiosk's status), and when. */
  #server = $state<{ wall: number; at: number } | null>(null);
  #target = $state<TimerTarget | null>(null);
  #shownId = $state<number | null>(null);
  #loaded = $state(false);
  /** Bumped by every action's answer: a list asked for before it is older and is dropped. */
  #changes = 0;
  #requests = 0;
  #applied = 0;
  #lastZeroCheck = -Infinity;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping of what was announced; never shown
  #announced = new Set<number>();
  #onfinish: (view: TimerView) => void = () => undefined;
  #stopTimers: (() => void) | null = null;
  #ticks: ReturnType<typeof setInterval> | undefined;
  #polls: ReturnType<typeof setInterval> | undefined;

  /**
   * Starts following a session's timers: asks main now, then every POLL_MS; calls `onfinish` once per timer that
   * finishes (or is found finished). Answers a function that stops it.
   */
  open(sessionId: string, onfinish: (view: TimerView) => void = () => undefined): () => void {
    this.close();
    this.#sessionId = sessionId;
    this.#onfinish = onfinish;
    this.#now = performance.now();
    this.#restartPolling();
    this.#restartTicks();
    this.#stopTimers = () => {
      clearInterval(this.#polls);
      clearInterval(this.#ticks);
      this.#polls = undefined;
      this.#ticks = undefined;
    };
    void this.refresh();
    return () => this.close();
  }

  close(): void {
    this.#stopTimers?.();
    this.#stopTimers = null;
    this.#sessionId = null;
    this.#held = [];
    this.#server = null;
    this.#target = null;
    this.#shownId = null;
    this.#loaded = false;
    this.#announced.clear();
    this.#onfinish = () => undefined;
  }

  /** Every timer of the session main knows, oldest first (ended ones too). */
  get timers(): HeldTimer[] {
    return this.#held;
  }

  /** True once main has answered at least once. */
  get loaded(): boolean {
    return this.#loaded;
  }

  /** Running or paused. */
  get active(): HeldTimer[] {
    return this.#held.filter((held) => isActive(held.view));
  }

  /** Ran out and not yet acknowledged: the parent still has to take the compress off. */
  get finished(): HeldTimer[] {
    return this.#held.filter((held) => held.view.state === 'finished');
  }

  find(timerId: number): HeldTimer | null {
    return this.#held.find((held) => held.view.id === timerId) ?? null;
  }

  activeOfKind(kind: TimerKind): HeldTimer | null {
    return this.active.find((held) => held.view.kind === kind) ?? null;
  }

  /** A timer of this kind that is going or has finished and waits for its "OK": the one its tiles open. */
  currentOfKind(kind: TimerKind): HeldTimer | null {
    return this.activeOfKind(kind) ?? this.finished.find((held) => held.view.kind === kind) ?? null;
  }

  /** The newest left/right timer, whatever its state (its totals stay on screen after Stop). */
  latestLeftRight(): HeldTimer | null {
    return this.#held.findLast((held) => held.view.kind === 'left-right') ?? null;
  }

  /** A countdown's time left now: main's answer, less the time since it arrived while running. */
  remainingMs(held: HeldTimer): number {
    const { view } = held;
    const left = view.remainingMs ?? 0;
    return view.state === 'running' ? Math.max(0, left - this.#since(held.at)) : left;
  }

  /** The left/right timer's totals now; the side counting gains the time since main's answer. */
  sideTotals(held: HeldTimer): { left: number; right: number } {
    const { view } = held;
    const extra = view.state === 'running' ? this.#since(held.at) : 0;
    return {
      left: (view.leftMs ?? 0) + (view.side === 'left' ? extra : 0),
      right: (view.rightMs ?? 0) + (view.side === 'right' ? extra : 0),
    };
  }

  /** Main's wall clock now, as far as the board knows (null before anything was heard from main). */
  get serverNow(): number | null {
    return this.#server ? this.#server.wall + this.#since(this.#server.at) : null;
  }

  /** Main's clock as read by getKioskStatus (so the session's clock runs before any timer exists). */
  syncServerClock(wall: number): void {
    if (!this.#server) this.#server = { wall, at: performance.now() };
  }

  // ---- Where the Timers section goes (the strip, guides and tips ask; the section follows) ----

  get target(): TimerTarget | null {
    return this.#target;
  }

  show(target: TimerTarget): void {
    this.#target = target;
  }

  clearTarget(): void {
    this.#target = null;
  }

  /** The timer the section shows in full, left out of the strip. */
  get shownId(): number | null {
    return this.#shownId;
  }

  set shownId(timerId: number | null) {
    this.#shownId = timerId;
  }

  // ---- Asking main ----

  async refresh(): Promise<void> {
    const sessionId = this.#sessionId;
    if (!sessionId) return;
    const request = ++this.#requests;
    const changes = this.#changes;
    const result = await callKiosk((api) => api.listTimers({ sessionId }));
    if (sessionId !== this.#sessionId) return;
    if (!result.ok) {
      console.warn(`timers not read: ${result.error.code}`);
      return;
    }
    if (request < this.#applied || changes !== this.#changes) return;
    this.#applied = request;
    const at = this.#received();
    this.#held = result.value.map((view) => ({ view, at }));
    this.#loaded = true;
    const last = result.value[result.value.length - 1];
    if (last) this.#server = { wall: last.serverNow, at };
    this.#announceFinished();
  }

  start(presetId: string, options: StartOptions = {}): Promise<ApiResult<TimerView>> {
    const sessionId = this.#sessionId ?? '';
    const input: ApiInput<'startTimer'> = { sessionId, presetId };
    if (options.safetyConfirmed) input.safetyConfirmed = true;
    if (options.side) input.side = options.side;
    return this.#act((api) => api.startTimer(input));
  }

  pause(timerId: number) {
    return this.#act((api) => api.pauseTimer({ timerId }));
  }

  resume(timerId: number) {
    return this.#act((api) => api.resumeTimer({ timerId }));
  }

  addMinute(timerId: number) {
    return this.#act((api) => api.addMinute({ timerId }));
  }

  cancel(timerId: number) {
    return this.#act((api) => api.cancelTimer({ timerId }));
  }

  acknowledge(timerId: number) {
    return this.#act((api) => api.acknowledgeTimer({ timerId }));
  }

  switchSide(timerId: number) {
    return this.#act((api) => api.switchSide({ timerId }));
  }

  /** Tests: forget everything. */
  reset(): void {
    this.close();
    this.#changes = 0;
    this.#requests = 0;
    this.#applied = 0;
    this.#lastZeroCheck = -Infinity;
  }

  async #act(call: TimerCall): Promise<ApiResult<TimerView>> {
    const result = await callKiosk(call);
    if (result.ok && this.#sessionId) {
      this.#changes += 1;
      const at = this.#received();
      const held = { view: result.value, at };
      const index = this.#held.findIndex((entry) => entry.view.id === result.value.id);
      this.#held = index === -1 ? [...this.#held, held] : this.#held.with(index, held);
      this.#server = { wall: result.value.serverNow, at };
      this.#announceFinished();
    }
    // Right after every action (and after a refusal, which means the screen was out of date), then every POLL_MS.
    if (this.#sessionId) this.#restartPolling();
    void this.refresh();
    return result;
  }

  /** An answer from main arrived: draw from it now, and move the digits on in step with it from here. */
  #received(): number {
    const at = performance.now();
    this.#now = at;
    this.#restartTicks();
    return at;
  }

  #restartPolling(): void {
    if (this.#polls !== undefined) clearInterval(this.#polls);
    this.#polls = setInterval(() => void this.refresh(), POLL_MS);
  }

  #restartTicks(): void {
    if (this.#ticks !== undefined) clearInterval(this.#ticks);
    this.#ticks = setInterval(() => this.#tick(), TICK_MS);
  }

  #since(at: number): number {
    return Math.max(0, this.#now - at);
  }

  #tick(): void {
    this.#now = performance.now();
    // Main marks a countdown finished when it is read after running out: ask as soon as the digits reach zero.
    const due = this.#held.some(
      (held) => held.view.state === 'running' && held.view.remainingMs !== null && this.remainingMs(held) <= 0,
    );
    if (due && this.#now - this.#lastZeroCheck >= ZERO_RECHECK_MS) {
      this.#lastZeroCheck = this.#now;
      void this.refresh();
    }
  }

  #announceFinished(): void {
    for (const { view } of this.#held) {
      if (view.state !== 'finished' || this.#announced.has(view.id)) continue;
      this.#announced.add(view.id);
      this.#onfinish(view);
    }
  }
}

export const timerBoard = new TimerBoard();
