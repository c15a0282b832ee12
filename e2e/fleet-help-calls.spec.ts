/**
 * "Call a nurse" end to end, with nothing faked: the system clock, the preview's own wiring (startWebKiosk, as
 * `npm run start:web` runs it) for two kiosks of one unit, real SQLite, and a real PostgreSQL this spec starts and
 * removes. A parent's call on the kiosk on screen reaches the second kiosk's board; the parent reads when the nurses'
 * station was told only once the centre has it; a nurse answers on the second kiosk with her PIN and the call leaves
 * it. Screenshots (English and Spanish, day) go to KIOSK_SHOTS_DIR when set.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { startWebKiosk } from '../src/cli/web-kiosk';
import type { RunningBridge } from '../src/bridge/bridge-server';
import { openKioskCore } from '../src/main/core/kiosk-core';
import { insertSession } from '../src/main/core/repositories/sessions-repository';
import { saveSettings } from '../src/main/core/services/settings-service';
import { en } from '../src/renderer/lib/i18n/messages-en';
import { es } from '../src/renderer/lib/i18n/messages-es';
import { startFleetCentre, type FleetCentre } from './fleet-centre';
import { expect, seedWith, test } from './fixtures';
import { KEYPAD_ES, NURSE, seedKiosk, signIn, tile } from './staff-helpers';
import { pinTheme } from './theme';

const MATERNITY = 'Maternity';
const SHOTS = process.env.KIOSK_SHOTS_DIR;

let centre: FleetCentre;
let secondFolder: string;
let second: RunningBridge;
let kiosksJoined = 0;

test.beforeAll(async ({ transport }) => {
  if (transport !== 'browser') return;
  test.setTimeout(120_000);
  centre = await startFleetCentre();
  // The second kiosk of the unit, on its own board: the one a nurse walks past.
  secondFolder = mkdtempSync(join(tmpdir(), 'kiosk-e2e-help-'));
  const core = openKioskCore({ dataFolder: secondFolder, backups: false });
  try {
    await seedKiosk(core.db, ['Room 5']);
  } finally {
    core.close();
  }
  await centre.join(secondFolder, await centre.addKiosk('4 East', MATERNITY));
  second = await startWebKiosk({
    dataFolder: secondFolder,
    port: 0,
    rendererDir: process.env.KIOSK_RENDERER_DIR ?? resolve('out/renderer'),
  });
});

test.afterAll(async () => {
  await second?.close();
  await centre?.stop();
  if (secondFolder) rmSync(secondFolder, { recursive: true, force: true });
});

test.skip(({ transport }) => transport !== 'browser', 'the preview’s fleet wiring is the browser transport’s');

/** The kiosk on screen: Room 1 with a parent's session open in `language`, the nurses' extension set, joined. */
const seedFor = (language: 'en' | 'es') =>
  seedWith(async (db, dataFolder) => {
    await seedKiosk(db, ['Room 1', 'Room 2']);
    const roomId = db.prepare("SELECT id FROM rooms WHERE name = 'Room 1'").pluck().get() as number;
    const staffId = db.prepare('SELECT id FROM staff ORDER BY id LIMIT 1').pluck().get() as number;
    insertSession(db, {
      uuid: randomUUID(),
      roomId,
      kind: 'pumping',
      language,
      startedAt: Date.now(),
      startedBy: staffId,
    });
    saveSettings(db, { nurseCall: 'extension', phoneExtension: '4417' });
    kiosksJoined += 1;
    await centre.join(dataFolder, await centre.addKiosk(`4 West ${kiosksJoined}`, MATERNITY));
  });

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

async function openSecondBoard(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(second.url);
  await pinTheme(page, 'day');
  return page;
}

for (const language of ['en', 'es'] as const) {
  test.describe(language, () => {
    test.use({ seed: seedFor(language) });

    test(`a parent's call reaches the unit's other kiosk; told only once the centre has it; a nurse answers (${language})`, async ({
      page,
      kiosk,
    }) => {
      const m = language === 'en' ? en : es;
      const board = await openSecondBoard(page.context().browser()!);
      try {
        // The second kiosk's board is switched to the language under test, so its call banner is read in it too.
        if (language === 'es') {
          await board.getByRole('group', { name: en.common.language }).getByRole('button', { name: 'Español' }).click();
        }
        // The first kiosk's board is in the kiosk's language (English); the hub opens in the session's.
        await pinTheme(page, 'day');
        await tile(page, 'Room 1').click();
        await page.getByRole('button', { name: new RegExp(`^${en.roomActions.continueSession}`) }).click();
        await page.getByRole('button', { name: m.parent.needHelp, exact: true }).click();
        await page.getByRole('button', { name: m.parent.help.callNurse }).click();

        const told = page.getByTestId('help-call-told');
        await expect(told).toBeVisible({ timeout: 10_000 });
        const receivedAt = kiosk
          .bridge!.core.db.prepare('SELECT centre_received_at FROM help_calls ORDER BY id DESC LIMIT 1')
          .pluck()
          .get() as number;
        const clock = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
        await expect(told).toHaveText(m.parent.help.toldAt({ text: clock.format(receivedAt), hour: 0 }));
        await shot(page, `parent-told-${language}-day`);

        const calls = board.getByTestId('unit-calls');
        await expect(calls).toContainText('Room 1', { timeout: 10_000 });
        await shot(board, `call-arrives-${language}-day`);

        // A nurse answers on the second kiosk with her PIN; the call leaves it.
        await calls.getByRole('button', { name: m.helpCalls.answer }).first().click();
        await signIn(board, NURSE.staffNumber, NURSE.pin, language === 'es' ? KEYPAD_ES : undefined);
        await board.getByRole('button', { name: m.helpCalls.confirm }).click();
        await expect(board.getByText(m.flow.notices.callAnswered('Room 1'))).toBeVisible();
        await expect(board.getByTestId('unit-calls')).toHaveCount(0);
        // The kiosk that raised it learns the answer from the centre.
        await expect
          .poll(
            () =>
              kiosk
                .bridge!.core.db.prepare('SELECT acknowledged_by FROM help_calls ORDER BY id DESC LIMIT 1')
                .pluck()
                .get(),
            { timeout: 15_000 },
          )
          .toBe(NURSE.staffNumber);
      } finally {
        await board.context().close();
      }
    });
  });
}
