/**
 * Every screen of the main journeys at every kiosk size (e2e/layout-check.ts), in English and Spanish, by day and by
 * night, with a 60-character room name and a long kiosk name. One page per language and theme walks the screens and
 * is resized at each one, so the whole check stays quick. The clocks are fixed (the screens do not depend on the time;
 * it only lets the timer reach its end without waiting). Screenshots and a contact sheet: test-results/layout/.
 *
 * Adding a screen is one line: get to it, then `await walk.check('name', primaryButton)`.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import type { KioskDatabase } from '../src/main/core/db/open-database';
import { insertRoom, setRoomNeedsCleaning } from '../src/main/core/repositories/rooms-repository';
import { insertSession } from '../src/main/core/repositories/sessions-repository';
import { saveSettings } from '../src/main/core/services/settings-service';
import { seedStaff } from '../src/main/core/testing/seed-staff';
import { LANGUAGE_NAMES } from '../src/renderer/lib/i18n/language-names';
import { en } from '../src/renderer/lib/i18n/messages-en';
import { es } from '../src/renderer/lib/i18n/messages-es';
import { expect, seedWith, test, type Kiosk } from './fixtures';
import { LayoutWalk } from './layout-check';
import { ADMIN, NURSE, pressKeys } from './staff-helpers';

const NOW = '2025-03-04T10:00:00.000Z';
/** The longest names the kiosk accepts (60 characters each), in words a hospital would really use. */
const LONG_ROOM = 'Sala de lactancia y extracción de leche, ala de neonatología';
const LONG_KIOSK = 'Maternidad y Neonatología, 3.er piso, ala norte, sala 12';
const ROOMS = [LONG_ROOM, 'Room 2', 'Room 3', 'Rose room'];

async function seedLayout(db: KioskDatabase): Promise<void> {
  await seedStaff(db, { ...ADMIN, role: 'admin' });
  const nurse = await seedStaff(db, { ...NURSE, role: 'nurse' });
  const ids = ROOMS.map((name, index) => insertRoom(db, { name, sortOrder: index + 1 }));
  insertSession(db, {
    uuid: '7a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    roomId: ids[1]!,
    kind: 'pumping',
    language: 'es',
    startedAt: Date.parse(NOW) - 23 * 60_000,
    startedBy: nurse,
  });
  setRoomNeedsCleaning(db, ids[2]!, true);
  saveSettings(db, { kioskName: LONG_KIOSK, phoneExtension: '4321' });
}

const LANGUAGES = { en, es } as const;
type Language = keyof typeof LANGUAGES;

interface PackGuide {
  id: string;
  kind: string;
  title: string;
  steps: unknown[];
  redFlag?: unknown;
}

/** The guides that end with "When to ask for help", split by the hub section that lists them. */
function guidesWithRedFlag(language: Language): { holds: PackGuide[]; more: PackGuide[] } {
  const pack = JSON.parse(readFileSync(`resources/content/${language}/guides.json`, 'utf8')) as { guides: PackGuide[] };
  const withRedFlag = pack.guides.filter((guide) => guide.redFlag !== undefined);
  const feeding = ['position', 'latch', 'hand-expression'];
  return {
    holds: withRedFlag.filter((guide) => feeding.includes(guide.kind)),
    more: withRedFlag.filter((guide) => !feeding.includes(guide.kind)),
  };
}

const button = (page: Page, name: string | RegExp) =>
  page.getByRole('button', { name, exact: typeof name === 'string' });
const startsWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** Time passes in main and in the page together (the timer's end is decided by main). */
async function advance(kiosk: Kiosk, ms: number): Promise<void> {
  kiosk.clock!.advance(ms);
  await kiosk.page.clock.fastForward(ms);
}

async function signInWith(page: Page, t: typeof en, staffNumber: string, pin: string): Promise<void> {
  await pressKeys(page, staffNumber, t.keypad.keysLabel);
  await button(page, t.keypad.next).click();
  await pressKeys(page, pin, t.keypad.keysLabel);
  await button(page, t.keypad.signIn).click();
}

for (const language of ['en', 'es'] as const satisfies Language[]) {
  for (const theme of ['day', 'night'] as const) {
    test.describe(`layout, ${language}, ${theme}`, () => {
      test.use({ seed: seedWith(seedLayout), fixedTime: NOW });

      test(`every screen of the journeys fits every kiosk size (${language}, ${theme})`, async ({ page, kiosk }) => {
        test.skip(!kiosk.clock, 'moves the core clock, which only the browser transport exposes');
        test.setTimeout(360_000);
        const t = LANGUAGES[language];
        const walk = new LayoutWalk(page, language, theme);
        const tile = (room: string) => page.getByRole('main').getByRole('button', { name: startsWith(room) });

        /** The board speaks the kiosk's language again whenever it comes back: choose the walk's. */
        const boardInWalkLanguage = async () => {
          await expect(tile(LONG_ROOM)).toBeVisible();
          if (language === 'es') await page.getByRole('button', { name: 'Español', exact: true }).click();
          await expect(page.locator('html')).toHaveAttribute('lang', language);
        };
        await boardInWalkLanguage();
        if (theme === 'night') await button(page, t.common.nightMode).click();
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);

        await walk.check('board', tile(LONG_ROOM));

        // A nurse starts a session in the long-named room, in the walk's language.
        await tile(LONG_ROOM).click();
        await walk.check('keypad', button(page, t.keypad.next));
        await signInWith(page, t, NURSE.staffNumber, NURSE.pin);
        await expect(button(page, t.start.startButton)).toBeVisible();
        await page.getByRole('radio', { name: startsWith(t.sessionKind.pumping) }).check();
        await page.getByRole('radio', { name: LANGUAGE_NAMES[language] }).check();
        await walk.check('start-session', button(page, t.start.startButton));
        await button(page, t.start.startButton).click();

        // The parent's hub and its screens.
        await expect(page.getByRole('heading', { level: 2, name: t.parent.hub.question })).toBeVisible();
        await walk.check('parent-hub', button(page, startsWith(t.parent.needHelp)));
        await button(page, startsWith(t.parent.sections.positions.title)).click();
        await button(page, language === 'es' ? 'Posición de cuna' : 'Cradle hold').click();
        await button(page, t.parent.steps.next).click();
        await button(page, t.parent.steps.next).click();
        await expect(page.getByText(t.parent.guides.step(2, 5))).toBeVisible();
        await walk.check('guide-step', button(page, t.parent.steps.next));
        await button(page, t.parent.back).click();

        // Each guide's "When to ask for help": how to reach a nurse is seen without scrolling, at every size.
        const redFlagGuides = guidesWithRedFlag(language);
        const walkRedFlags = async (guides: PackGuide[], finish: string) => {
          for (const guide of guides) {
            await button(page, guide.title).click();
            for (let next = 0; next <= guide.steps.length; next += 1) await button(page, t.parent.steps.next).click();
            await expect(page.getByText(t.parent.guides.whenToAsk, { exact: true })).toBeVisible();
            await walk.check(`guide-help-${guide.id}`, button(page, finish), {
              inView: page.locator('.red-flag [data-testid="nurse-call"]'),
            });
            await button(page, t.parent.back).click();
          }
        };
        await walkRedFlags(redFlagGuides.holds, t.parent.guides.finish);
        await button(page, t.parent.back).click();
        await button(page, startsWith(t.parent.sections.more.title)).click();
        await walkRedFlags(redFlagGuides.more, t.parent.guides.finishMore);
        await button(page, t.parent.back).click();

        await button(page, startsWith(t.parent.sections.letdownHelp.title)).click();
        for (let tip = 0; tip < 4; tip += 1) await button(page, t.parent.steps.next).click();
        await expect(page.getByText(t.parent.tips.count(5, 7))).toBeVisible();
        await walk.check('tip-card', button(page, t.parent.steps.next));
        await button(page, t.parent.back).click();

        await page.locator('.help-button').click();
        await walk.check('help', button(page, t.parent.back));
        await button(page, t.parent.back).click();

        // Timers: the list, the warm compress's safety step, running, done.
        await button(page, startsWith(t.timers.section.title)).click();
        await expect(page.getByRole('heading', { level: 2, name: t.timers.section.title })).toBeVisible();
        await walk.check('timers', button(page, startsWith(t.timers.kinds['warm-compress'])));
        const warmCompress = button(page, startsWith(t.timers.kinds['warm-compress'])).first();
        const confirm = button(page, t.timers.safety.confirm);
        await expectSafetyAdviceBeforeConfirm(page, walk, t, warmCompress);
        await warmCompress.click();
        await walk.check('safety-step', confirm);
        await confirm.click();
        await expect(page.getByRole('timer')).toHaveText(/^\d+:00$/);
        await walk.check('timer-running', button(page, t.timers.display.pause));
        await advance(kiosk, 10 * 60_000);
        const ok = button(page, t.timers.done['warm-compress'].ok);
        await expect(ok).toBeVisible();
        await walk.check('timer-done', ok);
        await ok.click();

        // Back to the board, then the admin area.
        await button(page, t.parent.back).click();
        await button(page, t.parent.hub.leave).click();
        await boardInWalkLanguage();
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await walk.check('board-busy', tile(LONG_ROOM));
        await button(page, t.flow.staffButton).click();
        await signInWith(page, t, ADMIN.staffNumber, ADMIN.pin);
        await expect(page.getByRole('heading', { level: 2, name: t.admin.heading })).toBeVisible();
        await walk.check('admin-staff', page.getByRole('tab', { name: t.admin.tabs.staff }));
        for (const tab of ['rooms', 'settings', 'reports'] as const) {
          await page.getByRole('tab', { name: t.admin.tabs[tab] }).click();
          await expect(page.getByRole('tab', { name: t.admin.tabs[tab] })).toHaveAttribute('aria-selected', 'true');
          await walk.check(`admin-${tab}`, page.getByRole('tab', { name: t.admin.tabs[tab] }));
        }

        walk.finish('journeys');
        expect(walk.findings.length, `layout findings:\n${walk.report()}`).toBe(0);
      });
    });

    test.describe(`first-run layout, ${language}, ${theme}`, () => {
      // No seed: a new data folder, so the kiosk opens on its first-run setup.
      test.use({ fixedTime: NOW });

      test(`the first-run steps fit every kiosk size (${language}, ${theme})`, async ({ page }) => {
        test.setTimeout(120_000);
        const t = LANGUAGES[language];
        const walk = new LayoutWalk(page, language, theme);
        await expect(page.getByRole('heading', { level: 2, name: en.firstRun.heading })).toBeVisible();
        // The first step chooses the kiosk's language, and setup speaks it from then on.
        await page.getByRole('radio', { name: LANGUAGE_NAMES[language] }).check();
        await expect(page.locator('html')).toHaveAttribute('lang', language);
        if (theme === 'night') await button(page, t.common.nightMode).click();
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        const next = button(page, t.firstRun.next);
        await expect(page.getByRole('heading', { level: 2, name: t.firstRun.heading })).toBeVisible();
        await walk.check('first-run-language', next);
        await next.click();
        await page.getByLabel(t.firstRun.kioskName).fill(LONG_KIOSK);
        await page.getByLabel(t.firstRun.roomName(1)).fill(LONG_ROOM);
        await button(page, t.firstRun.addRoom).click();
        await walk.check('first-run-rooms', next);
        // A tap on a field opens the on-screen keyboard; the field and the keyboard share the screen.
        await page.getByLabel(t.firstRun.kioskName).click();
        await expect(page.getByRole('group', { name: t.keyboard.label })).toBeVisible();
        await walk.check('first-run-keyboard', button(page, t.keyboard.done), {
          focused: page.getByLabel(t.firstRun.kioskName),
        });
        await button(page, t.keyboard.done).click();
        await next.click();
        await page.getByRole('radio', { name: startsWith(t.firstRun.callPhone) }).check();
        await page.getByLabel(t.firstRun.extension).fill('4417');
        await walk.check('first-run-call', next);
        await next.click();
        await page.getByLabel(t.firstRun.adminName).fill('Alejandra Guadalupe Hernández-Villaseñor');
        await walk.check('first-run-admin', next);
        await next.click();
        await expect(page.getByRole('heading', { level: 3, name: t.firstRun.pinTitle })).toBeVisible();
        await pressKeys(page, '1234', t.keypad.keysLabel);
        await walk.check('first-run-pin', next);
        await next.click();
        await pressKeys(page, '1234', t.keypad.keysLabel);
        await button(page, t.firstRun.finish).click();
        const goToRooms = button(page, t.firstRun.goToRooms);
        await expect(goToRooms).toBeVisible();
        await walk.check('first-run-done', goToRooms);

        walk.finish('first-run');
        expect(walk.findings.length, `layout findings:\n${walk.report()}`).toBe(0);
      });
    });
  }
}

/**
 * The warm compress's advice is read before its confirm button can be used: on a screen too small for all of it, the
 * button waits (disabled, with a word about why) until the notes have been scrolled to their end.
 */
async function expectSafetyAdviceBeforeConfirm(page: Page, walk: LayoutWalk, t: typeof en, preset: Locator) {
  const confirm = button(page, t.timers.safety.confirm);
  const notes = page.locator('.safety .notes');
  const restore = page.viewportSize();
  for (const size of [
    { width: 1024, height: 600 },
    { width: 800, height: 1280 },
  ]) {
    const label = `${size.width}x${size.height}`;
    await page.setViewportSize(size);
    await preset.click();
    await expect(confirm).toBeVisible();
    const unseen = await notes.evaluate((element) => element.scrollHeight - element.clientHeight > 2);
    if (unseen && (await confirm.isEnabled())) {
      walk.findings.push({
        screen: 'safety-step',
        size: label,
        kind: 'safety-advice',
        element: `"${t.timers.safety.confirm}"`,
        detail: 'can be pressed while part of the advice is still hidden',
      });
    }
    if (unseen) await expect(page.getByText(t.timers.safety.readFirst)).toBeVisible();
    await notes.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await expect(confirm, `${label}: the confirm button once the advice has been seen`).toBeEnabled();
    await button(page, t.timers.safety.notNow).click();
  }
  if (restore) await page.setViewportSize(restore);
}
