/**
 * The parent's hub end to end: opened the real way (the occupied room's tile, then "Continue this session"), on a
 * session seeded straight into the database so these tests do not depend on the nurse's keypad.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { openDatabase, type KioskDatabase } from '../src/main/core/db/open-database';
import { insertRoom } from '../src/main/core/repositories/rooms-repository';
import { listSessionEvents } from '../src/main/core/repositories/session-events-repository';
import { findSessionByUuid, insertSession } from '../src/main/core/repositories/sessions-repository';
import { saveSettings } from '../src/main/core/services/settings-service';
import { seedStaff } from '../src/main/core/testing/seed-staff';
import { expectNoSeriousA11yViolations } from './axe';
import { expect, seedWith, test, type Kiosk } from './fixtures';
import { pinTheme } from './theme';

const NOW = '2025-03-04T10:00:00.000Z';
const SESSION_ID = '6f1c2a4e-8b3d-4e5f-9a7b-1c2d3e4f5a6b';
const EXTENSION = '4321';
const MINUTE = 60_000;

/** Two rooms, Room 2 with the session open since `startedAt`, and the nurses' extension. */
async function seedOpenSession(db: KioskDatabase, startedAt: number): Promise<void> {
  await seedStaff(db, { staffNumber: '1', pin: '9876', role: 'admin' });
  const nurse = await seedStaff(db, { staffNumber: '42', pin: '2468' });
  insertRoom(db, { name: 'Room 1' });
  const room = insertRoom(db, { name: 'Room 2' });
  insertSession(db, {
    uuid: SESSION_ID,
    roomId: room,
    kind: 'breastfeeding',
    language: 'en',
    startedAt,
    startedBy: nurse,
  });
  saveSettings(db, { nurseCall: 'extension', phoneExtension: EXTENSION });
}

// The system clock, unless a describe below says why it needs the test clock.
test.use({ seed: seedWith((db) => seedOpenSession(db, Date.now() - 23 * MINUTE)) });
/** For the tests on the test clock: a session 23 minutes old at NOW. */
const seedAtNow = seedWith((db) => seedOpenSession(db, Date.parse(NOW) - 23 * MINUTE));

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/** The session's recorded events, read from the database file the kiosk writes. */
function recordedEvents(kiosk: Kiosk): { type: string; detail: Record<string, unknown> | null }[] {
  const db = openDatabase(join(kiosk.dataFolder, 'kiosk.db'), { readonly: true });
  try {
    const session = findSessionByUuid(db, SESSION_ID);
    if (!session) throw new Error('the seeded session is missing');
    return listSessionEvents(db, session.id).map(({ type, detail }) => ({ type, detail }));
  } finally {
    db.close();
  }
}

function sessionRow(kiosk: Kiosk) {
  const db = openDatabase(join(kiosk.dataFolder, 'kiosk.db'), { readonly: true });
  try {
    return findSessionByUuid(db, SESSION_ID);
  } finally {
    db.close();
  }
}

/** Waits until the recorded events include every one expected (recording is quiet and does not block the screen). */
async function expectEvents(kiosk: Kiosk, expected: { type: string; detail: Record<string, unknown> }[]) {
  await expect
    .poll(() => recordedEvents(kiosk), { timeout: 5_000 })
    .toEqual(expect.arrayContaining(expected.map((event) => expect.objectContaining(event))));
}

const tile = (page: Page, room: string) => page.getByRole('button', { name: new RegExp(`^${room}\\b`) });
const button = (page: Page, name: string | RegExp) =>
  page.getByRole('button', { name, exact: typeof name === 'string' });
const heading2 = (page: Page) => page.getByRole('heading', { level: 2 });

async function openHub(page: Page): Promise<void> {
  await tile(page, 'Room 2').click();
  await page.getByRole('button', { name: /^Continue this session/ }).click();
  await expect(page.getByRole('heading', { name: 'What would you like to do?' })).toBeVisible();
}

async function openSection(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('button', { name }).click();
}

const HOLDS = /^(Feeding holds|Posiciones para amamantar)/;
const MILK_FLOW = /^(Help your milk flow|Ayuda para que fluya la leche)/;
const LEARN = /^(Learn about the let-down|Aprenda sobre el reflejo de bajada de la leche)/;

/** The page area of the step viewer: where a finger swipes. */
const pageArea = (page: Page): Locator => page.locator('.page');

async function swipe(page: Page, direction: 'left' | 'right'): Promise<void> {
  const box = await pageArea(page).boundingBox();
  if (!box) throw new Error('no page to swipe');
  const y = box.y + box.height / 2;
  const [from, to] =
    direction === 'left'
      ? [box.x + box.width * 0.8, box.x + box.width * 0.2]
      : [box.x + box.width * 0.2, box.x + box.width * 0.8];
  await page.mouse.move(from, y);
  await page.mouse.down();
  await page.mouse.move(to, y, { steps: 8 });
  await page.mouse.up();
}

// ---------------------------------------------------------------------------------------------------------------
// The hub

test.describe('the time there, read exactly', () => {
  // The test clock: "23 min" is read exactly, from a session seeded 23 minutes before a fixed now.
  test.use({ seed: seedAtNow, fixedTime: NOW });

  test('the occupied room opens the hub for its session, with the time there shown quietly', async ({
    page,
    kiosk,
  }) => {
    await openHub(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Room 2' })).toBeVisible();
    if (kiosk.clock) await expect(page.getByText('Your time here: 23 min')).toBeVisible();
    for (const name of [HOLDS, MILK_FLOW, LEARN, /^I need help Signs/]) await expect(button(page, name)).toBeVisible();
    await expect(button(page, 'About this content')).toBeVisible();
    await expect(button(page, 'I’m done')).toBeVisible();
  });
});

test('every guide can be stepped through to its end, each opening recorded once', async ({ page, kiosk }) => {
  await openHub(page);
  await openSection(page, HOLDS);
  const guides = [
    { id: 'cradle', title: 'Cradle hold', steps: 5, redFlag: false },
    { id: 'cross-cradle', title: 'Cross-cradle hold', steps: 5, redFlag: false },
    { id: 'football', title: 'Football hold', steps: 4, redFlag: false },
    { id: 'side-lying', title: 'Lying on your side', steps: 5, redFlag: false },
    { id: 'laid-back', title: 'Laid-back hold', steps: 4, redFlag: false },
    { id: 'good-latch', title: 'Signs of a good latch', steps: 5, redFlag: false },
    { id: 'hand-expression', title: 'Hand expression', steps: 5, redFlag: true },
  ];
  for (const guide of guides) {
    await button(page, guide.title).click();
    await expect(heading2(page)).toHaveText(guide.title);
    await expect(page.getByRole('img', { name: `Drawing: ${guide.title}` })).toBeVisible();
    await expect(page.getByText('Before you start')).toBeVisible();
    for (let step = 1; step <= guide.steps; step += 1) {
      await button(page, 'Next').click();
      await expect(page.getByText(`Step ${step} of ${guide.steps}`)).toBeVisible();
    }
    if (guide.redFlag) {
      await button(page, 'Next').click();
      await expect(page.getByText('When to ask for help')).toBeVisible();
      await expect(page.getByText('Tell your nurse now.')).toBeVisible();
      await expect(page.getByText(`Call the nurses’ station: ext. ${EXTENSION}`)).toBeVisible();
    }
    await expect(button(page, 'Next')).toHaveCount(0);
    await button(page, 'Back to the holds').click();
    await expect(heading2(page)).toHaveText('Feeding holds');
  }
  await expectEvents(
    kiosk,
    guides.map((guide) => ({ type: 'guide-viewed', detail: { guide: guide.id } })),
  );
  expect(recordedEvents(kiosk).filter((event) => event.type === 'guide-viewed')).toHaveLength(guides.length);
});

test('a swipe turns the page of a guide, within its bounds', async ({ page }) => {
  await openHub(page);
  await openSection(page, HOLDS);
  await button(page, 'Cradle hold').click();
  await swipe(page, 'right');
  await expect(page.getByText('Before you start')).toBeVisible();
  await swipe(page, 'left');
  await expect(page.getByText('Step 1 of 5')).toBeVisible();
  await swipe(page, 'left');
  await expect(page.getByText('Step 2 of 5')).toBeVisible();
  await swipe(page, 'right');
  await expect(page.getByText('Step 1 of 5')).toBeVisible();
});

test('the let-down deck runs in order, through the seven tips to D-MER and the closing', async ({ page, kiosk }) => {
  await openHub(page);
  await openSection(page, LEARN);
  const titles = [
    'What is the let-down?',
    'What starts it',
    'How it can feel',
    'Signs it is working',
    'What helps it',
    'Seven things that can help',
  ];
  for (const [index, title] of titles.entries()) {
    await expect(heading2(page)).toHaveText(title);
    await expect(page.getByText(`Slide ${index + 1} of 10`)).toBeVisible();
    if (index < titles.length - 1) await button(page, 'Next').click();
  }
  await button(page, 'See the seven tips').click();
  for (let tip = 1; tip <= 7; tip += 1) {
    await expect(page.getByText(`Tip ${tip} of 7`)).toBeVisible();
    if (tip < 7) await button(page, 'Next').click();
  }
  await expect(heading2(page)).toHaveText('Stay warm');
  await button(page, 'Back to the slides').click();
  await expect(heading2(page)).toHaveText('Sad feelings with the let-down');
  await expect(page.getByText('Slide 7 of 10')).toBeVisible();
  await button(page, 'Next').click();
  await button(page, 'Next').click();
  await expect(page.getByText('Thoughts of hurting yourself or your baby')).toBeVisible();
  await expect(page.getByText(`Call the nurses’ station: ext. ${EXTENSION}`)).toBeVisible();
  await button(page, 'Next').click();
  await expect(heading2(page)).toHaveText('You are doing well');
  await button(page, 'Back to the menu').click();
  await expect(page.getByRole('heading', { name: 'What would you like to do?' })).toBeVisible();

  const slideIds = [
    'letdown-what-happens',
    'letdown-triggers',
    'letdown-feelings',
    'letdown-signs',
    'letdown-helps-and-hinders',
    'letdown-tips',
    'dmer-what-it-is',
    'dmer-what-helps',
    'dmer-when-to-tell',
    'closing',
  ];
  const tipIds = [
    'relax',
    'get-comfortable',
    'focus-on-your-baby',
    'start-the-flow-first',
    'pain',
    'gentle-massage',
    'warmth',
  ];
  await expectEvents(kiosk, [
    ...slideIds.map((slide) => ({ type: 'slide-viewed', detail: { slide, deck: 'letdown' } })),
    ...tipIds.map((slide) => ({ type: 'slide-viewed', detail: { slide, deck: 'tips' } })),
  ]);
});

test.describe('slides that move on by themselves', () => {
  // The test clock: the page's clock jumps over the 20-second slide time.
  test.use({ seed: seedAtNow, fixedTime: NOW });

  test('slides move on by themselves after 20 s when motion is welcome', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await openHub(page);
    await openSection(page, LEARN);
    await expect(page.getByText('Slide 1 of 10')).toBeVisible();
    await page.clock.fastForward(19_000);
    await expect(page.getByText('Slide 1 of 10')).toBeVisible();
    await page.clock.fastForward(1_500);
    await expect(page.getByText('Slide 2 of 10')).toBeVisible();
    await button(page, 'Pause').click();
    await page.clock.fastForward(60_000);
    await expect(page.getByText('Slide 2 of 10')).toBeVisible();
  });
});

test('switching to Spanish mid-guide changes every word, <html lang> and is recorded', async ({ page, kiosk }) => {
  await openHub(page);
  await openSection(page, HOLDS);
  await button(page, 'Cradle hold').click();
  await button(page, 'Next').click();
  await button(page, 'Next').click();
  await expect(page.getByText('Step 2 of 5')).toBeVisible();

  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(heading2(page)).toHaveText('Posición de cuna');
  await expect(page.getByText('Paso 2 de 5')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Dibujo: Posición de cuna' })).toBeVisible();
  await expect(button(page, 'Necesito ayuda')).toBeVisible();
  await expect(button(page, 'Siguiente')).toBeVisible();
  await expect(page.getByText('Your time here')).toHaveCount(0);
  await expectEvents(kiosk, [{ type: 'language-changed', detail: { from: 'en', to: 'es' } }]);
});

test('"I need help" is one tap away on every screen, and records where from', async ({ page, kiosk }) => {
  await openHub(page);
  const help = async (from: string) => {
    await button(page, 'I need help').click();
    await expect(page.getByRole('heading', { name: 'When to get help now' })).toBeVisible();
    await expect(page.getByText('Thoughts of hurting yourself or your baby')).toBeVisible();
    await expect(page.getByText('Very few wet diapers')).toBeVisible();
    await expect(page.getByText('Press the call button by the chair, or ask at the nurses’ station.')).toBeVisible();
    await expect(page.getByText(`Call the nurses’ station: ext. ${EXTENSION}`)).toBeVisible();
    await button(page, 'Back').click();
    return from;
  };
  await help('hub');
  await expect(page.getByRole('heading', { name: 'What would you like to do?' })).toBeVisible();

  await openSection(page, HOLDS);
  await button(page, 'Football hold').click();
  await button(page, 'Next').click();
  await help('guide:football');
  await expect(page.getByText('Step 1 of 4')).toBeVisible();
  await button(page, 'Back').click();
  await button(page, 'Back').click();

  await openSection(page, MILK_FLOW);
  await button(page, 'Next').click();
  await help('tip:get-comfortable');
  await expect(page.getByText('Tip 2 of 7')).toBeVisible();
  await button(page, 'Back').click();

  await openSection(page, LEARN);
  await help('slide:letdown-what-happens');

  await expectEvents(kiosk, [
    { type: 'help-requested', detail: { from: 'hub' } },
    { type: 'help-requested', detail: { from: 'guide:football' } },
    { type: 'help-requested', detail: { from: 'tip:get-comfortable' } },
    { type: 'help-requested', detail: { from: 'slide:letdown-what-happens' } },
  ]);
});

test('"About this content" names its sources, its date and the review note', async ({ page }) => {
  await openHub(page);
  await button(page, 'About this content').click();
  await expect(heading2(page)).toHaveText('About this content');
  await expect(page.getByText('La Leche League')).toBeVisible();
  await expect(page.getByText('Written on November 29, 2026.')).toBeVisible();
  await expect(page.getByText(/lactation team should check this content/)).toBeVisible();
});

test('"I’m done" asks first; Escape keeps the session, Yes ends it and the room goes to cleaning', async ({
  page,
  kiosk,
}) => {
  await openHub(page);
  await button(page, 'I’m done').click();
  const dialog = page.getByRole('alertdialog', { name: 'End your session?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'No, stay here' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Yes, end my session' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'No, stay here' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  expect(sessionRow(kiosk)?.endedAt).toBeNull();

  await button(page, 'I’m done').click();
  await dialog.getByRole('button', { name: 'Yes, end my session' }).click();
  await expect(tile(page, 'Room 2')).toContainText('Needs cleaning');
  expect(sessionRow(kiosk)?.endReason).toBe('completed');
});

// ---------------------------------------------------------------------------------------------------------------
// The board's attract loop

test.describe('the attract loop', () => {
  // The test clock: the page's clock jumps over the board's minute of quiet.
  test.use({ seed: seedAtNow, fixedTime: NOW });

  test('a quiet board shows slides; the touch that ends them does nothing else', async ({ page }) => {
    await expect(tile(page, 'Room 1')).toBeVisible();
    await page.clock.fastForward(61_000);
    const loop = page.getByRole('dialog', { name: 'Tips for feeding your baby' });
    await expect(loop).toBeVisible();
    await expect(loop.getByText('Touch the screen to continue')).toBeVisible();
    await expect(loop.getByRole('heading', { level: 2 })).toHaveText('What is the let-down?');
    // Reduced motion (this project's default): one still slide.
    await page.clock.fastForward(60_000);
    await expect(loop.getByRole('heading', { level: 2 })).toHaveText('What is the let-down?');
    await expectNoSeriousA11yViolations(page, 'attract loop');

    // Touch where the free room's tile is: the loop goes, and the tile does not open the keypad.
    const box = await tile(page, 'Room 1').boundingBox();
    await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
    await expect(loop).toHaveCount(0);
    await expect(tile(page, 'Room 1')).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Rooms' })).toHaveCount(1);
    await expect(page.getByText(/staff number/i)).toHaveCount(0);
  });

  test('the attract loop rotates slides when motion is welcome', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await expect(tile(page, 'Room 1')).toBeVisible();
    await page.clock.fastForward(61_000);
    const title = page.getByRole('dialog').getByRole('heading', { level: 2 });
    await expect(title).toHaveText('What is the let-down?');
    await page.clock.fastForward(12_500);
    await expect(title).toHaveText('What starts it');
    await expect(page.locator('.attract .slide')).toHaveCount(1);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Accessibility and screenshots of every parent screen, in each language and theme

const SCREENSHOT_DIR = 'test-results/parent-screens';
/** The four that illustrate the README. */
const README_SHOTS = new Set(['guide-en-day', 'tip-es-day', 'dmer-en-night', 'help-es-night']);

for (const language of ['en', 'es'] as const) {
  for (const theme of ['day', 'night'] as const) {
    test(`every parent screen is accessible in ${language}, ${theme}`, async ({ page }) => {
      test.setTimeout(120_000);
      const es = language === 'es';
      await openHub(page);
      if (es) await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Español' }).click();
      await pinTheme(page, theme, es ? 'Modo nocturno' : 'Night mode');
      await expect(page.locator('html')).toHaveAttribute('lang', language);

      const check = async (screen: string) => {
        await expectNoSeriousA11yViolations(page, `${screen}, ${language}, ${theme}`);
        const name = `${screen}-${language}-${theme}`;
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });
        if (process.env.UPDATE_SCREENSHOTS === '1' && README_SHOTS.has(name)) {
          mkdirSync('docs/screenshots', { recursive: true });
          await page.screenshot({ path: `docs/screenshots/parent-${name}.png` });
        }
      };
      const back = () => button(page, es ? 'Volver' : 'Back').click();
      const next = () => button(page, es ? 'Siguiente' : 'Next').click();

      await expect(
        page.getByRole('heading', { name: es ? '¿Qué desea hacer?' : 'What would you like to do?' }),
      ).toBeVisible();
      await check('hub');

      await openSection(page, HOLDS);
      await check('guides');
      await button(page, es ? 'Posición de cuna' : 'Cradle hold').click();
      await check('guide-overview');
      await next();
      await next();
      await expect(page.getByText(es ? 'Paso 2 de 5' : 'Step 2 of 5')).toBeVisible();
      await check('guide');
      await back();
      await button(page, es ? 'Extracción a mano' : 'Hand expression').click();
      for (let page_ = 0; page_ < 6; page_ += 1) await next();
      await check('guide-help');
      await back();
      await back();

      await openSection(page, MILK_FLOW);
      for (let tip = 0; tip < 4; tip += 1) await next();
      await expect(page.getByText(es ? 'Consejo 5 de 7' : 'Tip 5 of 7')).toBeVisible();
      await check('tip');
      await back();

      await openSection(page, LEARN);
      await check('slide');
      for (let slide = 0; slide < 6; slide += 1) await next();
      await expect(page.getByText(es ? 'Diapositiva 7 de 10' : 'Slide 7 of 10')).toBeVisible();
      await check('dmer');
      await back();

      await button(page, es ? 'Necesito ayuda' : 'I need help').click();
      await check('help');
      await back();

      await button(page, es ? 'Acerca de este contenido' : 'About this content').click();
      await check('about');
      await back();

      await button(page, es ? 'Ya terminé' : 'I’m done').click();
      await expect(page.getByRole('alertdialog')).toBeVisible();
      await check('done');
    });
  }
}
