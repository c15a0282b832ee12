import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TimerView } from '../../../shared/domain';
import type { ApiResult } from '../../../shared/errors';
import { NOW, ok, stubKiosk } from '../../testing/stub-kiosk';
import { POLL_MS, TimerBoard } from './timer-board.svelte';

const SESSION_ID = '0b7f6a3e-3d5c-4d71-9c1e-2f4b8a6d9e10';

function view(overrides: Partial<TimerView> = {}): TimerView {
  return {
    id: 1,
    presetId: 'warm-compress-5',
    kind: 'warm-compress',
    state: 'running',
    startedAt: NOW,
    durationMs: 300_000,
    maxDurationMs: 900_000,
    remainingMs: 300_000,
    elapsedMs: 0,
    endsAt: NOW + 300_000,
    side: null,
    leftMs: null,
    rightMs: null,
    serverNow: NOW,
    ...overrides,
  };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

let board: TimerBoard;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
  board = new TimerBoard();
});

afterEach(() => {
  board.reset();
});

describe('the timer board', () => {
  it('asks main when opened and every few seconds, and draws time left from the last answer', async () => {
    const api = stubKiosk({ listTimers: () => ok([view()]) });
    board.open(SESSION_ID);
    await flush();
    expect(api.listTimers).toHaveBeenCalledWith({ sessionId: SESSION_ID });
    const [held] = board.timers;
    expect(board.remainingMs(held!)).toBe(300_000);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(board.remainingMs(held!)).toBe(299_000);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(api.listTimers).toHaveBeenCalledTimes(2);
  });

  it('drops a list that was asked for before an action answered (the action’s view is newer)', async () => {
    let answerList: (result: ApiResult<TimerView[]>) => void = () => undefined;
    const api = stubKiosk({ listTimers: () => ok([view()]) });
    board.open(SESSION_ID);
    await flush();

    api.listTimers.mockImplementationOnce(() => new Promise((resolve) => (answerList = resolve)));
    const slowList = board.refresh();
    api.pauseTimer.mockImplementation(() => ok(view({ state: 'paused', remainingMs: 200_000, endsAt: null })));
    api.listTimers.mockImplementation(() => new Promise(() => undefined));
    await board.pause(1);
    answerList({ ok: true, value: [view({ remainingMs: 250_000 })] });
    await slowList;
    expect(board.timers[0]?.view.state).toBe('paused');
    expect(board.remainingMs(board.timers[0]!)).toBe(200_000);
  });

  it('tells once per timer that it finished, however often main says so', async () => {
    const finished = view({ state: 'finished', remainingMs: 0, endsAt: null });
    stubKiosk({ listTimers: () => ok([finished]) });
    const onfinish = vi.fn();
    board.open(SESSION_ID, onfinish);
    await flush();
    await vi.advanceTimersByTimeAsync(3 * POLL_MS);
    expect(onfinish).toHaveBeenCalledTimes(1);
    expect(onfinish).toHaveBeenCalledWith(finished);
    expect(board.finished).toHaveLength(1);
    expect(board.active).toHaveLength(0);
  });

  it('asks main at once when a countdown reaches zero here, rather than waiting for the next poll', async () => {
    const api = stubKiosk({ listTimers: () => ok([view({ remainingMs: 1_500 })]) });
    board.open(SESSION_ID);
    await flush();
    api.listTimers.mockImplementation(() => ok([view({ state: 'finished', remainingMs: 0, endsAt: null })]));
    await vi.advanceTimersByTimeAsync(1_500);
    expect(api.listTimers).toHaveBeenCalledTimes(2);
    expect(board.finished).toHaveLength(1);
  });

  it('adds the time since main’s answer to the side that is counting, and only to it', async () => {
    stubKiosk({
      listTimers: () =>
        ok([
          view({
            presetId: 'left-right',
            kind: 'left-right',
            durationMs: null,
            maxDurationMs: null,
            remainingMs: null,
            endsAt: null,
            side: 'right',
            leftMs: 60_000,
            rightMs: 5_000,
          }),
        ]),
    });
    board.open(SESSION_ID);
    await flush();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(board.sideTotals(board.timers[0]!)).toEqual({ left: 60_000, right: 8_000 });
  });

  it('stops asking once closed', async () => {
    const api = stubKiosk({ listTimers: () => ok([]) });
    const stop = board.open(SESSION_ID);
    await flush();
    stop();
    await vi.advanceTimersByTimeAsync(4 * POLL_MS);
    expect(api.listTimers).toHaveBeenCalledTimes(1);
  });
});
