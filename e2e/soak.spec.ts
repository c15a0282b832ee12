/**
 * A day on the kiosk in under a minute: 24 simulated hours in real Chromium on Playwright's clock, with the board's
 * 15-second refresh and clock, the attract loop rotating while the board is quiet, a session every four hours (its
 * hub opened through the screen, with a left/right timer running in main) and the storage notice's polling. The page
 * must not grow: the JS heap (after a forced garbage collection) by at most 5 MB, the DOM by at most 50 nodes.
 *
 * Sessions, timers and the cleaning are driven through window.kiosk (the same calls the screens make), so the soak
 * measures the screens' own timers and updates, not the keypad. Browser project only: it needs the bridge's clock.
 */
import type { CDPSession, Page } from '@playwright/test';
import type { KioskDatabase } from '../src/main/core/db/open-database';
import { insertRoom } from '../src/main/core/repositories/rooms-repository';
import { seedStaff } from '../src/main/core/testing/seed-staff';
import { expect, seedWith, test, type Kiosk } from './fixtures';
import { callKiosk } from './kiosk-page';
import { tile } from './staff-helpers';

const START = '2025-03-04T06:00:00.000Z';
const MINUTE = 60_000;
const NURSE = { staffNumber: '42', pin: '2468' };
const HEAP_GROWTH_LIMIT = 5 * 1024 * 1024;
const DOM_GROWTH_LIMIT = 50;
/** The board's refresh (src/renderer/screens/room-board-timing.ts; the e2e project does not compile renderer files). */
const BOARD_TICK_MS = 15_000;

/** What the spec reads inside the page (e2e compiles without the DOM library). */
type PageGlobal = {
  document: { getElementsByTagName(name: string): { length: number } };
  __soakIntervals: Record<string, number>;
};

async function seedSoak(db: KioskDatabase): Promise<void> {
  await seedStaff(db, { staffNumber: '100', pin: '9876', role: 'admin' });
  await seedStaff(db, { ...NURSE, role: 'nurse' });
  insertRoom(db, { name: 'Room 1', sortOrder: 1 });
  insertRoom(db, { name: 'Room 2', sortOrder: 2 });
}

// A trace of thousands of clock steps and requests would cost more than the run itself.
test.use({ seed: seedWith(seedSoak), trace: 'off' });

/** Counts every interval callback the page runs, by its delay (installed after Playwright's clock, so it wraps it). */
const COUNT_INTERVALS = `(() => {
  const counts = {};
  const setIntervalOnClock = window.setInterval;
  window.__soakIntervals = counts;
  window.setInterval = function (callback, delay, ...rest) {
    const key = String(delay);
    return setIntervalOnClock.call(window, (...args) => {
      counts[key] = (counts[key] || 0) + 1;
      return callback(...args);
    }, delay, ...rest);
  };
})();`;

interface Snapshot {
  heapBytes: number;
  domNodes: number;
}

async function snapshot(page: Page, cdp: CDPSession): Promise<Snapshot> {
  for (let pass = 0; pass < 3; pass++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const domNodes = await page.evaluate(
    () => (globalThis as unknown as PageGlobal).document.getElementsByTagName('*').length,
  );
  return { heapBytes: usedSize, domNodes };
}

/** Simulated time per clock step: each step fires every page timer that falls due in it, in order. */
const STEP_MINUTES = Number(process.env.SOAK_STEP_MINUTES ?? 10);

/** Page time and main's clock move together, a step at a time. */
async function runMinutes(page: Page, kiosk: Kiosk, minutes: number): Promise<void> {
  for (let done = 0; done < minutes; done += STEP_MINUTES) {
    const step = Math.min(STEP_MINUTES, minutes - done) * MINUTE;
    kiosk.clock!.advance(step);
    await page.clock.runFor(step);
  }
}

/** After a session starts or ends through the API, the board shows it at its next 15-second refresh. */
async function expectRoom(page: Page, room: string, state: RegExp): Promise<void> {
  await page.clock.runFor(BOARD_TICK_MS);
  await expect(tile(page, room)).toContainText(state);
}

async function ok<T>(page: Page, method: Parameters<typeof callKiosk>[1], input?: unknown): Promise<T> {
  const result = (await callKiosk(page, method, input)) as { ok: boolean; value?: T; error?: unknown };
  if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

const nurseToken = async (page: Page) => (await ok<{ staffToken: string }>(page, 'signIn', NURSE)).staffToken;

/** A touch on a quiet screen first ends the attract loop or wakes the dimmed hub; that touch does nothing else. */
async function wake(page: Page): Promise<void> {
  const cover = page.locator('.attract, .dimmer');
  if ((await cover.count()) > 0) {
    await page.mouse.click(640, 400);
    await expect(cover).toHaveCount(0);
  }
}

test.describe('a simulated day', () => {
  // The test clock: 24 hours of main's and the page's time pass in under a minute.
  test.use({ fixedTime: START });

  test('24 simulated hours: the heap and the DOM stay flat while every timer keeps running', async ({
    page,
    kiosk,
  }) => {
    test.skip(!kiosk.bridge || !kiosk.clock, 'needs the browser bridge and its clock');
    test.setTimeout(180_000);
    const wallStart = Date.now();
    let listRoomsCalls = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/listRooms')) listRoomsCalls++;
    });
    // The attract loop rotates only without reduced motion, as on a kiosk with the system default.
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.addInitScript(COUNT_INTERVALS);
    await page.reload();
    await expect(tile(page, 'Room 1')).toBeVisible();
    const cdp = await page.context().newCDPSession(page);

    // Warm-up: every screen once (board, attract loop, hub with a timer), then an hour of quiet board.
    const warmUp = await nurseToken(page);
    const first = await ok<{ id: string }>(page, 'startSession', {
      staffToken: warmUp,
      roomId: 1,
      kind: 'pumping',
      language: 'en',
    });
    await ok(page, 'startTimer', { sessionId: first.id, presetId: 'left-right' });
    await runMinutes(page, kiosk, 2);
    await expectRoom(page, 'Room 1', /Occupied/);
    await wake(page);
    await tile(page, 'Room 1').click();
    await page.getByRole('button', { name: /^Continue this session/ }).click();
    await runMinutes(page, kiosk, 5);
    await wake(page);
    await page.getByRole('button', { name: 'All rooms' }).click();
    await ok(page, 'endSession', { sessionId: first.id, reason: 'completed' });
    await ok(page, 'markRoomCleaned', { staffToken: await nurseToken(page), roomId: 1 });
    await runMinutes(page, kiosk, 60);
    await expect(page.locator('.attract')).toBeVisible();

    const before = await snapshot(page, cdp);
    const intervalsBefore = await page.evaluate(() => ({
      ...(globalThis as unknown as PageGlobal).__soakIntervals,
    }));
    const listRoomsBefore = listRoomsCalls;

    // Six times four hours: a session for two (20 minutes of it in the hub), then two quiet hours on the board.
    let sessions = 0;
    for (let block = 0; block < 6; block++) {
      const room = `Room ${1 + (block % 2)}`;
      const roomId = 1 + (block % 2);
      // A nurse starts a session; the parent opens the hub, and a left/right timer runs (main keeps it).
      const session = await ok<{ id: string }>(page, 'startSession', {
        staffToken: await nurseToken(page),
        roomId,
        kind: 'breastfeeding',
        language: block % 2 === 0 ? 'en' : 'es',
      });
      await ok(page, 'startTimer', { sessionId: session.id, presetId: 'left-right' });
      await expectRoom(page, room, /Occupied/);
      await wake(page);
      await tile(page, room).click();
      await page.getByRole('button', { name: /^Continue this session/ }).click();
      // The timer's 250 ms tick dominates the run's wall time: 20 minutes in the hub per session is plenty of it.
      await runMinutes(page, kiosk, 20);
      expect(await ok(page, 'listTimers', { sessionId: session.id })).toEqual([
        expect.objectContaining({ state: 'running' }),
      ]);
      // The parent steps out to the board; the session and its timer carry on in main...
      await wake(page);
      await page.getByRole('button', { name: /^(All rooms|Todas las salas)$/ }).click();
      await runMinutes(page, kiosk, 100);
      // ...until a nurse ends it and marks the room cleaned.
      await ok(page, 'endSession', { sessionId: session.id, reason: 'completed' });
      await ok(page, 'markRoomCleaned', { staffToken: await nurseToken(page), roomId });
      sessions++;
      await runMinutes(page, kiosk, 120);
    }
    // The board has been quiet for two hours, as before the first measurement: the attract loop is showing again.
    await expect(page.locator('.attract')).toBeVisible();
    await expect(tile(page, 'Room 1')).toHaveCount(1);

    const after = await snapshot(page, cdp);
    const intervalsAfter = await page.evaluate(() => ({
      ...(globalThis as unknown as PageGlobal).__soakIntervals,
    }));
    const ran = (delay: number) => (intervalsAfter[delay] ?? 0) - (intervalsBefore[delay] ?? 0);
    const ticks = {
      boardRefresh15s: ran(15_000),
      attractRotation12s: ran(12_000),
      storageNotice30s: ran(30_000),
      timerTick250ms: ran(250),
      timerPoll5s: ran(5_000),
      listRoomsCalls: listRoomsCalls - listRoomsBefore,
    };
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);
    console.log(
      `[soak] 24 h simulated in ${((Date.now() - wallStart) / 1000).toFixed(1)} s; ${sessions} sessions; ` +
        `heap ${mb(before.heapBytes)} MB -> ${mb(after.heapBytes)} MB (growth ${mb(after.heapBytes - before.heapBytes)} MB); ` +
        `DOM nodes ${before.domNodes} -> ${after.domNodes}; ticks ${JSON.stringify(ticks)}`,
    );

    expect(sessions).toBe(6);
    // 24 h of 15-second board ticks is 5760; the board is showing for all but the six hours in a hub.
    expect(ticks.boardRefresh15s).toBeGreaterThan(4000);
    expect(ticks.attractRotation12s).toBeGreaterThan(4000);
    expect(ticks.timerTick250ms).toBeGreaterThan(25_000);
    // A step fires its timers faster than a request can return, so most ticks find the last refresh still on its way
    // (the board skips a tick then); at least one real round trip completes per step.
    expect(ticks.listRoomsCalls).toBeGreaterThanOrEqual((24 * 60) / STEP_MINUTES);
    expect(after.heapBytes - before.heapBytes).toBeLessThanOrEqual(HEAP_GROWTH_LIMIT);
    expect(after.domNodes).toBeLessThanOrEqual(before.domNodes + DOM_GROWTH_LIMIT);
  });
});
