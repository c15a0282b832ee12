/**
 * The parent's timers end to end, on a session seeded straight into the database. On the system clock where no time
 * has to pass; where it must, main's clock (kiosk.clock, the core's ManualClock) and the page's clock (page.clock) move
 * together, by the same amount: main decides what is left, the page only draws it. The chime is observed there through
 * a stand-in AudioContext that records each note.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { openDatabase, type KioskDatabase } from '../src/main/core/db/open-database';
import { insertRoom } from '../src/main/core/repositories/rooms-repository';
import { listSessionEvents } from '../src/main/core/repositories/session-events-repository';
import { findSessionByUuid, insertSession } from '../src/main/core/repositories/sessions-repository';
import { saveSettings } from '../src/main/core/services/settings-service';
import { seedStaff } from '../src/main/core/testing/seed-staff';
import { expectNoSeriousA11yViolations } from './axe';
import { expect, seedWith, test, type Kiosk } from './fixtures';
import { callKiosk, readSafetyAdvice } from './kiosk-page';

const NOW = '2025-03-04T10:00:00.000Z';
const SESSION_ID = '2d7f1c3e-5b4a-4e6f-8a9b-0c1d2e3f4a5b';
const MINUTE = 60_000;

/** Two rooms, Room 2 with a session open since `startedAt`, and the chime's volumes. */
async function seedOpenSession(db: KioskDatabase, startedAt: number): Promise<void> {
  await seedStaff(db, { staffNumber: '1', pin: '9876', role: 'admin' });
  const nurse = await seedStaff(db, { staffNumber: '42', pin: '2468' });
  insertRoom(db, { name: 'Room 1' });
  const room = insertRoom(db, { name: 'Room 2' });
  insertSession(db, {
    uuid: SESSION_ID,
    roomId: room,
    kind: 'pumping',
    language: 'en',
    startedAt,
    startedBy: nurse,
  });
  saveSettings(db, { nurseCall: 'extension', phoneExtension: '4321', chimeVolume: 60, nightChimeVolume: 25 });
}

// The system clock, unless a describe below says why it needs the test clock.
test.use({ seed: seedWith((db) => seedOpenSession(db, Date.now() - 12 * MINUTE)) });

// ---------------------------------------------------------------------------------------------------------------
// Helpers

interface ChimeNote {
  frequency: number;
  peak: number;
}

/**
 * Replaces Web Audio with a recorder before the kiosk's script runs (then reloads): every oscillator the chime starts
 * is kept in `window.__chimeNotes` with its pitch and the loudest its envelope gets.
 */
async function recordChimes(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const notes: { frequency: number; peak: number }[] = [];
    (globalThis as unknown as { __chimeNotes: typeof notes }).__chimeNotes = notes;
    class RecordingAudioContext {
      state = 'running';
      currentTime = 0;
      destination = {};
      resume() {
        return Promise.resolve();
      }
      close() {
        return Promise.resolve();
      }
      createOscillator() {
        const note = { frequency: 0, peak: 0 };
        let pendingPeak = 0;
        const oscillator = {
          type: 'sine',
          frequency: { setValueAtTime: (value: number) => (note.frequency = value) },
          connect: (gain: { peak: () => number }) => {
            pendingPeak = gain.peak();
            return gain;
          },
          start: () => notes.push({ ...note, peak: pendingPeak }),
          stop: () => undefined,
        };
        return oscillator;
      }
      createGain() {
        let peak = 0;
        return {
          peak: () => peak,
          gain: {
            setValueAtTime: () => undefined,
            linearRampToValueAtTime: (value: number) => (peak = value),
            exponentialRampToValueAtTime: () => undefined,
          },
          connect: () => undefined,
        };
      }
    }
    (globalThis as unknown as { AudioContext: unknown }).AudioContext = RecordingAudioContext;
  });
  await page.reload();
}

const chimeNotes = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __chimeNotes: ChimeNote[] }).__chimeNotes);

/** Time passes: main's clock and the page's clock move on together. */
async function advance(kiosk: Kiosk, ms: number): Promise<void> {
  kiosk.clock!.advance(ms);
  await kiosk.page.clock.fastForward(ms);
}

function timerEvents(kiosk: Kiosk) {
  const db = openDatabase(join(kiosk.dataFolder, 'kiosk.db'), { readonly: true });
  try {
    const session = findSessionByUuid(db, SESSION_ID);
    if (!session) throw new Error('the seeded session is missing');
    return listSessionEvents(db, session.id)
      .filter((event) => event.type.startsWith('timer-'))
      .map(({ type, detail }) => ({ type, detail }));
  } finally {
    db.close();
  }
}

const button = (page: Page, name: string | RegExp) =>
  page.getByRole('button', { name, exact: typeof name === 'string' });
const roomTile = (page: Page) => page.getByRole('button', { name: /^Room 2\b/ });
const strip = (page: Page) => page.getByRole('region', { name: /^(Your timers|Sus temporizadores)$/ });
const digits = (page: Page) => page.getByRole('timer');

async function openHub(page: Page): Promise<void> {
  await roomTile(page).click();
  await page.getByRole('button', { name: /^Continue this session/ }).click();
  await expect(page.getByRole('heading', { name: /^(What would you like to do\?|¿Qué desea hacer\?)$/ })).toBeVisible();
}

async function openTimers(page: Page, es = false): Promise<void> {
  await button(page, es ? /^Temporizadores/ : /^Timers/).click();
  await expect(page.getByRole('heading', { level: 2, name: es ? 'Temporizadores' : 'Timers' })).toBeVisible();
}

/**
 * For a describe on the test clock: main's clock and the page's start at NOW, 12 minutes into the session, and move
 * only with advance() (browser transport only); the chime's notes are recorded.
 */
function useTestClock(): void {
  test.use({ seed: seedWith((db) => seedOpenSession(db, Date.parse(NOW) - 12 * MINUTE)), fixedTime: NOW });
  test.beforeEach(async ({ kiosk }) => {
    test.skip(!kiosk.clock, 'moves the core clock, which only the browser transport exposes');
    await recordChimes(kiosk.page);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// A warm compress, start to finish

test.describe('minutes that pass at once', () => {
  // The test clock: minutes are jumped over, so timers run out and sides add up without waiting.
  useTestClock();

  test('a 5-minute warm compress: safety step, the same time left after a reload, then a chime until acknowledged', async ({
    page,
    kiosk,
  }) => {
    await openHub(page);
    await openTimers(page);
    await button(page, /^Warm compress, 5 minutes/).click();

    await expect(
      page.getByRole('heading', { level: 2, name: 'Before you start Warm compress, 5 minutes' }),
    ).toBeVisible();
    for (const line of [
      'Test it on the inside of your wrist first.',
      'It should feel warm, not hot.',
      'Do not use it on skin that feels numb or has less feeling.',
      'Stop right away if it feels hot.',
      'These can be signs of mastitis:',
      'Call the nurses’ station: ext. 4321',
    ]) {
      await expect(page.getByText(line)).toBeVisible();
    }
    expect(timerEvents(kiosk)).toEqual([]);
    await readSafetyAdvice(page);
    await button(page, 'I have checked — start the timer').click();
    await expect(digits(page)).toHaveText('5:00');

    await advance(kiosk, 2 * MINUTE);
    await expect(digits(page)).toHaveText('3:00');

    // A reload keeps nothing in the page: main still knows the timer, to the second.
    await page.reload();
    await expect(roomTile(page).or(strip(page))).toBeVisible();
    if (await roomTile(page).isVisible()) await openHub(page);
    const chip = strip(page).getByRole('button', { name: /^Warm compress (3:00|2:59) left$/ });
    await expect(chip).toBeVisible();
    await chip.click();
    await expect(digits(page)).toHaveText(/^(3:00|2:59)$/);
    expect(await chimeNotes(page)).toEqual([]);

    await advance(kiosk, 3 * MINUTE);
    await expect(page.getByRole('heading', { level: 2, name: 'Your warm compress is done.' })).toBeVisible();
    await expect(page.locator('[aria-live="assertive"]')).toHaveText('Your warm compress is done. Take it off now.');
    await expect(page.getByText('Take it off now.', { exact: true })).toBeVisible();
    // Two soft notes, falling, at the day volume (60 of 100).
    const notes = await chimeNotes(page);
    expect(notes.map((note) => Math.round(note.frequency))).toEqual([659, 523]);
    for (const note of notes) expect(note.peak).toBeCloseTo(0.35 * 0.6 ** 2, 3);
    await expectNoSeriousA11yViolations(page, 'finished warm compress');

    // It stays finished until the parent answers.
    await advance(kiosk, 20_000);
    await expect(page.getByRole('heading', { level: 2, name: 'Your warm compress is done.' })).toBeVisible();
    await button(page, 'OK, I took it off').click();
    await expect(page.getByRole('heading', { level: 2, name: 'Timers' })).toBeVisible();
    await expect(strip(page)).toHaveCount(0);
    await expect(page.locator('[aria-live="assertive"]')).toHaveText('');

    // Main recorded the events with the preset; the renderer recorded none of its own.
    await expect
      .poll(() => timerEvents(kiosk))
      .toEqual([
        { type: 'timer-started', detail: { preset: 'warm-compress-5', plannedSeconds: 300, actualSeconds: 0 } },
        { type: 'timer-finished', detail: { preset: 'warm-compress-5', plannedSeconds: 300, actualSeconds: 300 } },
      ]);
  });

  test('several timers run at once; the strip shows them on other screens and opens them', async ({ page, kiosk }) => {
    await openHub(page);
    await openTimers(page);
    // The session's own clock: twelve minutes since the nurse started it, by main's clock.
    await expect(page.getByText(/^12 min 0\d s$/)).toBeVisible();
    await button(page, /^Warm compress, 2 minutes/).click();
    await readSafetyAdvice(page);
    await button(page, 'I have checked — start the timer').click();
    await expect(digits(page)).toHaveText('2:00');
    await button(page, 'Back').click();
    await button(page, /^Cool pack, 10 minutes/).click();
    await expect(page.getByText('Wrap it in a cloth. Never put it right on your skin.')).toBeVisible();
    await readSafetyAdvice(page);
    await button(page, 'I have checked — start the timer').click();
    await expect(digits(page)).toHaveText('10:00');

    await button(page, 'Back').click();
    await button(page, 'Back').click();
    await button(page, /^Feeding holds/).click();
    await advance(kiosk, 30_000);
    await expect(strip(page).getByRole('button')).toHaveText(['Warm compress 1:30 left', 'Cool pack 9:30 left']);
    await strip(page).getByRole('button', { name: 'Cool pack 9:30 left' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Cool pack, 10 minutes' })).toBeVisible();
    await expect(digits(page)).toHaveText('9:30');
  });

  // ---------------------------------------------------------------------------------------------------------------
  // Left and right

  test('the left and right timer switches sides with one tap and keeps each side’s total', async ({ page, kiosk }) => {
    await openHub(page);
    await openTimers(page);
    await button(page, /^Left and right timer/).click();
    const left = page.getByRole('button', { name: /^Left \d/ });
    const right = page.getByRole('button', { name: /^Right \d/ });
    await left.click();
    await expect(left).toHaveAttribute('aria-pressed', 'true');
    await expect(left).toContainText('Timing now');

    await advance(kiosk, 90_000);
    await expect(left).toContainText('1:30');
    await right.click();
    await expect(right).toHaveAttribute('aria-pressed', 'true');
    await expect(left).toHaveAttribute('aria-pressed', 'false');
    await advance(kiosk, 45_000);
    await expect(right).toContainText('0:45');
    await expect(left).toContainText('1:30');

    await button(page, 'Pause').click();
    await expect(right).toContainText('Paused');
    await advance(kiosk, MINUTE);
    await expect(right).toContainText('0:45');
    await expectNoSeriousA11yViolations(page, 'left and right timer');

    await button(page, 'Stop').click();
    await button(page, 'Yes, stop it').click();
    await expect(page.getByText('Stopped. Here is your time on each side.')).toBeVisible();
    await expect(left).toContainText('1:30');
    await expect(right).toContainText('0:45');
    await expect
      .poll(() => timerEvents(kiosk).at(-1))
      .toEqual({
        type: 'timer-cancelled',
        detail: { preset: 'left-right', plannedSeconds: null, actualSeconds: 135, leftSeconds: 90, rightSeconds: 45 },
      });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// On the system clock: the limit of "+1 minute", and timers started from the content

test('"+1 minute" stops at the 15-minute limit with its reason, and main refuses more', async ({ page }) => {
  await openHub(page);
  await openTimers(page);
  await button(page, /^Warm compress, 10 minutes/).click();
  await readSafetyAdvice(page);
  await button(page, 'I have checked — start the timer').click();
  await expect(digits(page)).toHaveText(/^(10:00|9:5\d)$/);
  for (let minute = 11; minute <= 15; minute += 1) {
    await button(page, '+1 minute').click();
    await expect(digits(page)).toHaveText(new RegExp(`^(${minute}:00|${minute - 1}:[45]\\d)$`));
  }
  await expect(button(page, '+1 minute')).toBeDisabled();
  await expect(page.getByText('This timer can run for at most 15 minutes in total.')).toBeVisible();

  const refused = (await callKiosk(page, 'addMinute', { timerId: 1 })) as { ok: boolean; error?: { code: string } };
  expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
  // The refusal changed nothing: the timer runs on from at most 15 minutes.
  await expect(digits(page)).toHaveText(/^(15:00|14:\d\d)$/);
});

test('the warmth tip and the hand expression guide start their timers through the same safety step', async ({
  page,
}) => {
  await openHub(page);
  await button(page, /^Help your milk flow/).click();
  for (let tip = 1; tip < 7; tip += 1) await button(page, 'Next').click();
  await button(page, 'Start the 5-minute warm compress').click();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Before you start Warm compress, 5 minutes' }),
  ).toBeVisible();
  await button(page, 'Not now').click();
  await expect(page.getByRole('heading', { level: 2, name: 'Timers' })).toBeVisible();

  await button(page, 'Back').click();
  await button(page, /^Feeding holds/).click();
  await button(page, 'Hand expression').click();
  await button(page, 'Start the 1-minute warm-up').click();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Before you start Massage warm-up, 1 minute' }),
  ).toBeVisible();
  await button(page, 'Start the timer').click();
  await expect(digits(page)).toHaveText(/^(1:00|0:5\d)$/);
});

// ---------------------------------------------------------------------------------------------------------------
// Night: the schedule is a setting, and the chime is quieter

test.describe('with a night schedule of 09:00 to 11:00', () => {
  // The test clock: a known 10:00 inside the night hours, and the warm-up's minute jumped over.
  useTestClock();
  test.use({
    seed: seedWith(async (db) => {
      await seedOpenSession(db, Date.parse(NOW) - 12 * MINUTE);
      saveSettings(db, { nightSchedule: { start: '09:00', end: '11:00' } });
    }),
  });

  test('the kiosk is in its night theme at 10:00, and the chime plays at the night volume', async ({ page, kiosk }) => {
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'night');
    await openHub(page);
    await expect(button(page, 'Night mode')).toHaveAttribute('aria-pressed', 'true');
    await openTimers(page);
    await button(page, /^Massage warm-up/).click();
    await button(page, 'Start the timer').click();
    await expect(digits(page)).toHaveText('1:00');
    await advance(kiosk, MINUTE);
    await expect(page.getByRole('heading', { level: 2, name: 'Your massage warm-up is done.' })).toBeVisible();
    const notes = await chimeNotes(page);
    expect(notes).toHaveLength(2);
    for (const note of notes) expect(note.peak).toBeCloseTo(0.35 * 0.25 ** 2, 3);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Accessibility and screenshots: the safety step, a running compress, the finished state

const SCREENSHOT_DIR = 'test-results/timer-screens';
/** The three that illustrate the README. */
const README_SHOTS = new Set(['running-en-day', 'safety-es-day', 'finished-en-night']);

test.describe('every timer screen', () => {
  // The test clock: the running and finished screens are reached by jumping minutes ahead.
  useTestClock();

  for (const language of ['en', 'es'] as const) {
    for (const theme of ['day', 'night'] as const) {
      test(`the timer screens are accessible in ${language}, ${theme}`, async ({ page, kiosk }) => {
        // Four axe runs and screenshots: on a loaded 2-core machine they passed 30 s, as in the other specs' runs.
        test.setTimeout(90_000);
        const es = language === 'es';
        await openHub(page);
        if (es) await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Español' }).click();
        if (theme === 'night') await button(page, es ? 'Modo nocturno' : 'Night mode').click();
        await expect(page.locator('html')).toHaveAttribute('lang', language);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);

        const check = async (screen: string) => {
          await expectNoSeriousA11yViolations(page, `${screen}, ${language}, ${theme}`);
          const name = `${screen}-${language}-${theme}`;
          mkdirSync(SCREENSHOT_DIR, { recursive: true });
          await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });
          if (process.env.UPDATE_SCREENSHOTS === '1' && README_SHOTS.has(name)) {
            mkdirSync('docs/screenshots', { recursive: true });
            await page.screenshot({ path: `docs/screenshots/timers-${name}.png` });
          }
        };

        await openTimers(page, es);
        await button(page, es ? /^Compresa tibia, 5 minutos/ : /^Warm compress, 5 minutes/).click();
        await check('safety');
        await readSafetyAdvice(page);
        await button(page, es ? 'Ya lo revisé: iniciar el temporizador' : 'I have checked — start the timer').click();
        // Main has started it (the click's request has arrived) before time moves on.
        await expect(digits(page)).toHaveText('5:00');
        await advance(kiosk, 108_000);
        await expect(digits(page)).toHaveText('3:12');
        await check('running');

        await button(page, es ? 'Volver' : 'Back').click();
        await button(page, es ? /^Tiempo de cada lado/ : /^Left and right timer/).click();
        await button(page, es ? /^Izquierdo \d/ : /^Left \d/).click();
        await expect(button(page, es ? /^Izquierdo \d/ : /^Left \d/)).toHaveAttribute('aria-pressed', 'true');
        await advance(kiosk, 12_000);
        await check('left-right');
        await button(page, es ? 'Volver' : 'Back').click();
        await check('list');

        await advance(kiosk, 180_000);
        const done = es ? 'Terminó el tiempo de la compresa tibia.' : 'Your warm compress is done.';
        await expect(strip(page).getByText(done)).toBeVisible();
        // The compress's tile opens the finished timer in full.
        await button(page, es ? /^Compresa tibia, 5 minutos/ : /^Warm compress, 5 minutes/).click();
        await expect(page.getByRole('heading', { level: 2, name: done })).toBeVisible();
        await check('finished');
        await button(page, es ? 'Listo, ya me lo quité' : 'OK, I took it off').click();
      });
    }
  }
});
