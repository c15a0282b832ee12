/**
 * What a room really does, on the system clock (no test clock in core or in the page): first-run setup, an admin adds
 * a nurse, the nurse starts a session, the parent follows a guide and uses the timers, reloads mid-timer, ends the
 * session, the room is cleaned, and the admin exports today's sessions. In English and in Spanish, with every word
 * taken from the kiosk's own catalogs and content. Times are read with tolerances, never as exact values.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { TimerPreset } from '../src/shared/content-types';
import { reportsMessages } from '../src/renderer/admin/reports/reports-messages';
import { LANGUAGE_NAMES } from '../src/renderer/lib/i18n/language-names';
import { en } from '../src/renderer/lib/i18n/messages-en';
import { es } from '../src/renderer/lib/i18n/messages-es';
import { expect, test } from './fixtures';
import { readSafetyAdvice } from './kiosk-page';
import { pressKeys, readDatabase, signIn, tile, type KeypadWords } from './staff-helpers';

const ADMIN_PIN = '2580';
const NURSE_PIN = '1357';
const ROOM = 'Sala Rosa';
/** The 1-minute warm-up runs for a real minute before its done screen and chime. */
const WARM_UP_WAIT_MS = 90_000;

type Language = 'en' | 'es';

function contentOf(language: Language) {
  const read = (file: string) => JSON.parse(readFileSync(`resources/content/${language}/${file}`, 'utf8')) as unknown;
  const timers = read('timers.json') as { presets: TimerPreset[] };
  const guides = read('guides.json') as { guides: { id: string; title: string; steps: unknown[] }[] };
  const preset = (id: string) => timers.presets.find((candidate) => candidate.id === id)!.label;
  const guide = guides.guides.find((candidate) => candidate.id === 'hand-expression')!;
  return { preset, guide };
}

const button = (page: Page, name: string | RegExp) =>
  page.getByRole('button', { name, exact: typeof name === 'string' });
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const startsWith = (text: string) => new RegExp(`^${escape(text)}`);
const digits = (page: Page) => page.getByRole('timer');

/** "4:58" as seconds. */
async function secondsShown(page: Page): Promise<number> {
  const text = (await digits(page).textContent()) ?? '';
  const match = /^(\d+):(\d\d)$/.exec(text.trim());
  if (!match) throw new Error(`the timer shows "${text}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

for (const language of ['en', 'es'] as const) {
  test(`a room's day on the system clock (${language})`, async ({ page, kiosk }) => {
    test.skip(kiosk.transport !== 'browser', 'the export download is the browser transport’s');
    test.setTimeout(language === 'en' ? 240_000 : 150_000);
    const m = language === 'en' ? en : es;
    const r = reportsMessages(language);
    const keypad: KeypadWords = { keys: m.keypad.keysLabel, next: m.keypad.next, signIn: m.keypad.signIn };
    const { preset, guide } = contentOf(language);
    const heading2 = (name: string | RegExp) => page.getByRole('heading', { level: 2, name });

    // ---- First-run setup, in the chosen language
    await expect(heading2(en.firstRun.heading)).toBeVisible();
    // Choosing the kiosk's language switches setup to it at once.
    await page.getByRole('radio', { name: LANGUAGE_NAMES[language] }).check();
    await expect(heading2(m.firstRun.heading)).toBeVisible();
    await button(page, m.firstRun.next).click();
    await page.getByLabel(m.firstRun.kioskName).fill('Maternidad');
    await page.getByLabel(m.firstRun.roomName(1)).fill(ROOM);
    await button(page, m.firstRun.next).click();
    await page.getByRole('radio', { name: startsWith(m.firstRun.callButton) }).check();
    await button(page, m.firstRun.next).click();
    await page.getByLabel(m.firstRun.adminName).fill('Alex Admin');
    await button(page, m.firstRun.next).click();
    await pressKeys(page, ADMIN_PIN, m.keypad.keysLabel);
    await button(page, m.firstRun.next).click();
    await pressKeys(page, ADMIN_PIN, m.keypad.keysLabel);
    await button(page, m.firstRun.finish).click();
    await expect(page.getByText(m.firstRun.doneBody('100'))).toBeVisible();
    await button(page, m.firstRun.goToRooms).click();
    // The board shows the kiosk's default language (a session's language is the parent's, chosen per session), so
    // staff switch it as they would.
    const boardInLanguage = async () => {
      await expect(tile(page, ROOM)).toBeVisible();
      if ((await page.locator('html').getAttribute('lang')) === language) return;
      const languages = page.getByRole('group', {
        name: new RegExp(`^(${en.common.language}|${es.common.language})$`),
      });
      await languages.getByRole('button', { name: LANGUAGE_NAMES[language] }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', language);
    };
    await boardInLanguage();
    await expect(tile(page, ROOM)).toContainText(m.board.free);

    // ---- The admin adds a nurse
    await button(page, m.flow.staffButton).click();
    await signIn(page, '100', ADMIN_PIN, keypad);
    await expect(heading2(m.admin.heading)).toBeVisible();
    await page.getByLabel(m.admin.staff.name, { exact: true }).fill('Nico Nurse');
    await page.getByLabel(m.admin.staff.pin).fill(NURSE_PIN);
    await page.getByLabel(m.admin.staff.pinAgain).fill(NURSE_PIN);
    await button(page, m.admin.staff.add).click();
    await expect(page.getByRole('status')).toHaveText(m.admin.staff.added('Nico Nurse', '101'));
    await button(page, m.flow.signOut).click();

    // ---- The nurse starts a session
    await tile(page, ROOM).click();
    await signIn(page, '101', NURSE_PIN, keypad);
    await page.getByRole('radio', { name: startsWith(m.sessionKind['hand-expression']) }).check();
    await page.getByRole('radio', { name: LANGUAGE_NAMES[language] }).check();
    await button(page, m.start.startButton).click();
    await expect(page.getByRole('heading', { level: 1, name: ROOM })).toBeVisible();
    await expect(page.getByRole('heading', { name: m.parent.hub.question })).toBeVisible();

    // ---- The parent follows the hand expression guide to its last step
    await button(page, startsWith(m.parent.sections.positions.title)).click();
    await button(page, guide.title).click();
    for (let step = 1; step <= guide.steps.length; step += 1) {
      await button(page, m.parent.steps.next).click();
      await expect(page.getByText(m.parent.guides.step(step, guide.steps.length))).toBeVisible();
    }
    while (await button(page, m.parent.steps.next).isVisible()) await button(page, m.parent.steps.next).click();
    await expect(page.getByText(m.parent.guides.whenToAsk)).toBeVisible();
    await button(page, m.parent.guides.finish).click();

    if (language === 'en') {
      // Timers that finish: a real minute, then the done screen and the chime, with no clock but the system's. The
      // guide offers its warm-up before the first step.
      await button(page, guide.title).click();
      await button(page, m.timers.startFromContent['warm-up'](1)).click();
      await expect(heading2(`${m.timers.safety.heading} ${preset('hand-expression-warm-up')}`)).toBeVisible();
      await button(page, m.timers.safety.start).click();
      await expect(digits(page)).toHaveText(/^(1:00|0:59)$/);
      const chimesBefore = Number((await page.locator('html').getAttribute('data-chimes-played')) ?? 0);
      await expect(heading2(m.timers.done['warm-up'].title)).toBeVisible({ timeout: WARM_UP_WAIT_MS });
      await expect(page.locator('[aria-live="assertive"]')).toContainText(m.timers.done['warm-up'].title);
      await expect
        .poll(async () => Number((await page.locator('html').getAttribute('data-chimes-played')) ?? 0))
        .toBeGreaterThan(chimesBefore);
      await button(page, m.timers.done['warm-up'].ok).click();
      await expect(heading2(m.timers.section.title)).toBeVisible();
    } else {
      await button(page, m.parent.back).click();
      await button(page, startsWith(m.timers.section.title)).click();
      await expect(heading2(m.timers.section.title)).toBeVisible();
    }

    // ---- A warm compress through its safety step: pause, resume, +1 minute, a reload, stop
    await button(page, startsWith(preset('warm-compress-5'))).click();
    await expect(heading2(`${m.timers.safety.heading} ${preset('warm-compress-5')}`)).toBeVisible();
    await readSafetyAdvice(page);
    await button(page, m.timers.safety.confirm).click();
    await expect(digits(page)).toHaveText(/^(5:00|4:5\d)$/);
    await button(page, m.timers.display.pause).click();
    await expect(button(page, m.timers.display.resume)).toBeVisible();
    const paused = await secondsShown(page);
    await page.waitForTimeout(2_000);
    expect(await secondsShown(page)).toBe(paused);
    await button(page, m.timers.display.resume).click();
    await button(page, m.timers.display.addMinute).click();
    await expect.poll(() => secondsShown(page)).toBeGreaterThan(paused + 50);

    const before = await secondsShown(page);
    const reloadedAt = Date.now();
    await page.reload();
    if (await tile(page, ROOM).isVisible()) {
      await tile(page, ROOM).click();
      await button(page, startsWith(m.roomActions.continueSession)).click();
    }
    const strip = page.getByRole('region', { name: m.timers.strip.label });
    await strip.getByRole('button', { name: startsWith(m.timers.kinds['warm-compress']) }).click();
    const elapsed = (Date.now() - reloadedAt) / 1000;
    const after = await secondsShown(page);
    expect(Math.abs(after - (before - elapsed))).toBeLessThanOrEqual(2);

    await button(page, m.timers.display.stop).click();
    await button(page, m.timers.display.yesStop).click();
    await expect(heading2(m.timers.section.title)).toBeVisible();

    // ---- The left and right timer: one side, the other, stop
    await button(page, startsWith(preset('left-right'))).click();
    const left = page.getByRole('button', { name: new RegExp(`^${m.timers.leftRight.left} \\d`) });
    const right = page.getByRole('button', { name: new RegExp(`^${m.timers.leftRight.right} \\d`) });
    await left.click();
    await expect(left).toHaveAttribute('aria-pressed', 'true');
    await expect(left).toContainText(/0:0[1-9]/, { timeout: 5_000 });
    await right.click();
    await expect(right).toHaveAttribute('aria-pressed', 'true');
    await expect(right).toContainText(/0:0[1-9]/, { timeout: 5_000 });
    await button(page, m.timers.leftRight.stop).click();
    await button(page, m.timers.display.yesStop).click();
    await expect(page.getByText(m.timers.leftRight.stopped)).toBeVisible();

    // ---- "I'm done": the board shows the room needs cleaning; the nurse cleans it; it is free
    const imDone = button(page, m.parent.hub.done);
    for (let screens = 0; screens < 3 && !(await imDone.isVisible()); screens += 1) {
      await button(page, m.parent.back).click();
    }
    await imDone.click();
    await button(page, m.parent.done.yes).click();
    await boardInLanguage();
    await expect(tile(page, ROOM)).toContainText(m.board.needsCleaning);
    await tile(page, ROOM).click();
    await button(page, startsWith(m.roomActions.markCleaned)).click();
    await signIn(page, '101', NURSE_PIN, keypad);
    await button(page, m.roomActions.confirmCleaned).click();
    await expect(tile(page, ROOM)).toContainText(m.board.free);

    // ---- The admin exports today's sessions as CSV; the session is in it
    const session = readDatabase(kiosk, (db) =>
      db.prepare('SELECT uuid, end_reason AS endReason FROM sessions').all(),
    ) as { uuid: string; endReason: string }[];
    expect(session).toEqual([{ uuid: expect.any(String) as unknown, endReason: 'completed' }]);
    await button(page, m.flow.staffButton).click();
    await signIn(page, '100', ADMIN_PIN, keypad);
    await page.getByRole('tab', { name: m.admin.tabs.reports }).click();
    await expect(page.getByRole('heading', { name: r.heading })).toBeVisible();
    await button(page, r.presets.today).click();
    const downloading = page.waitForEvent('download');
    await button(page, r.export.start).click();
    const csv = readFileSync(await (await downloading).path(), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^\uFEFF"id","room","kind",/);
    expect(csv).toContain(session[0]!.uuid);
  });
}
