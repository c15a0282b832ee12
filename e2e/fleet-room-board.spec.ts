/**
 * The live room board across kiosks end to end, with nothing faked: the system clock, the preview's own wiring
 * (startWebKiosk, as `npm run start:web` runs it) for both kiosks, real SQLite, and a real PostgreSQL this spec starts
 * and removes. Kiosk A (on screen, "Room side") and kiosk B ("Nurses station") join Maternity with `fleet add-kiosk`
 * and `fleet join`. A nurse starts a session on A; B's board shows A's room in use, read-only, under A's name. With
 * the centre stopped, B says since when its view is old and A's own rooms still work. Layout checked at every kiosk
 * size in both languages and themes; the shots go to KIOSK_SHOTS_DIR when set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type { RunningBridge } from '../src/bridge/bridge-server';
import { startWebKiosk } from '../src/cli/web-kiosk';
import { openKioskCore } from '../src/main/core/kiosk-core';
import { createFailureLog } from '../src/main/core/testing/failure-log';
import { en } from '../src/renderer/lib/i18n/messages-en';
import { es } from '../src/renderer/lib/i18n/messages-es';
import { startFleetCentre, type FleetCentre } from './fleet-centre';
import { expect, seedWith, test } from './fixtures';
import { callKiosk } from './kiosk-page';
import { LayoutWalk } from './layout-check';
import { expectScreen, NURSE, seedKiosk, signIn, tile } from './staff-helpers';
import { pinTheme } from './theme';

const MATERNITY = 'Maternity';
let centre: FleetCentre;
let folderB: string;

test.beforeAll(async ({ transport }) => {
  if (transport !== 'browser') return;
  test.setTimeout(120_000);
  centre = await startFleetCentre();
  folderB = mkdtempSync(join(tmpdir(), 'kiosk-e2e-board-'));
  const core = openKioskCore({ dataFolder: folderB, backups: false });
  try {
    await seedKiosk(core.db, ['Room 5']);
  } finally {
    core.close();
  }
  await centre.join(folderB, await centre.addKiosk('Nurses station', MATERNITY));
});

test.afterAll(async () => {
  await centre?.stop();
  if (folderB) rmSync(folderB, { recursive: true, force: true });
});

test.use({
  seed: seedWith(async (db, dataFolder) => {
    await seedKiosk(db, ['Room 1', 'Room 2']);
    await centre.join(dataFolder, await centre.addKiosk('Room side', MATERNITY));
  }),
});

test.skip(({ transport }) => transport !== 'browser', 'the preview’s fleet wiring is the browser transport’s');

/** The other rooms' section of a board, and one remote room's tile in it. */
const remoteSection = (page: Page, heading: string) =>
  page.locator('section', { has: page.getByRole('heading', { name: heading }) });
const remoteTile = (page: Page, room: string) => page.locator('.remote-tile', { hasText: room });

async function startSession(page: Page, room: string): Promise<number> {
  await tile(page, room).click();
  await expectScreen(page, 'Staff sign-in');
  await signIn(page, NURSE.staffNumber, NURSE.pin);
  await expectScreen(page, `Start a session in ${room}`);
  await page.getByRole('radio', { name: /^Pumping/ }).check();
  await page.getByRole('radio', { name: 'English' }).check();
  const started = Date.now();
  await page.getByRole('button', { name: 'Start the session' }).click();
  return started;
}

test('a session started on kiosk A shows on kiosk B, read-only under A’s name; the centre stopped, B says since when', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const failures = createFailureLog((message, error) => console.error(message, error));
  const bridgeB: RunningBridge = await startWebKiosk({
    dataFolder: folderB,
    port: 0,
    rendererDir: resolve('out/renderer'),
    logger: failures.logger,
  });
  const pageB = await page.context().newPage();
  try {
    await pageB.goto(bridgeB.url);
    const section = remoteSection(pageB, en.remoteBoard.heading);
    await expect(section.getByRole('heading', { name: en.remoteBoard.screen('Room side') })).toBeVisible({
      timeout: 20_000,
    });
    await expect(remoteTile(pageB, 'Room 1')).toContainText(en.board.free);
    // And B's room on A's board: each kiosk is the other's remote.
    await expect(remoteTile(page, 'Room 5')).toContainText(en.board.free, { timeout: 20_000 });

    // ---- A nurse starts a session on A; B shows it within seconds
    const started = await startSession(page, 'Room 1');
    await expect(remoteTile(pageB, 'Room 1')).toContainText(`${en.board.occupied} · ${en.duration.underAMinute}`, {
      timeout: 10_000,
    });
    console.log(`room board e2e: A's session on B's screen ${Date.now() - started} ms after "Start the session"`);
    await expect(remoteTile(pageB, 'Room 1')).toContainText(en.remoteBoard.asOfNow);
    // Read-only: the other rooms offer nothing to press, and B's own tile is still its own button.
    await expect(section.getByRole('button')).toHaveCount(0);
    await expect(tile(pageB, 'Room 5')).toBeVisible();

    // ---- Every kiosk size, both languages and themes: laid out, and the shots to look at
    for (const language of ['en', 'es'] as const) {
      const m = language === 'en' ? en : es;
      if (language === 'es') {
        await pageB.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Español' }).click();
      }
      await expect(remoteSection(pageB, m.remoteBoard.heading)).toBeVisible();
      for (const theme of ['day', 'night'] as const) {
        await pinTheme(pageB, theme, m.common.nightMode);
        const walk = new LayoutWalk(pageB, language, theme, process.env.KIOSK_SHOTS_DIR);
        await walk.check('board-remote-rooms');
        walk.finish('fleet-room-board');
        expect(walk.findings.length, `layout findings:\n${walk.report()}`).toBe(0);
      }
      await pageB.reload();
    }

    // ---- The centre stopped: B keeps the last view and says since when; A's own rooms work on
    centre.cluster.halt();
    try {
      await expect(
        pageB.getByRole('status').filter({ hasText: /the hospital database cannot be reached/ }),
      ).toBeVisible({
        timeout: 30_000,
      });
      await expect(remoteTile(pageB, 'Room 1')).toContainText(en.board.occupied);
      // A (now showing the parent's hub of its session) still answers for its own rooms at once.
      const asked = performance.now();
      const rooms = (await callKiosk(page, 'listRooms')) as { ok: boolean; value: { name: string; state: string }[] };
      expect(performance.now() - asked).toBeLessThan(1_000);
      expect(rooms.value.map((room) => [room.name, room.state])).toEqual([
        ['Room 1', 'occupied'],
        ['Room 2', 'free'],
      ]);
      await pinTheme(pageB, 'day');
      const walk = new LayoutWalk(pageB, 'en', 'day', process.env.KIOSK_SHOTS_DIR);
      await walk.check('board-remote-rooms-old');
      walk.finish('fleet-room-board-old');
      expect(walk.findings.length, `layout findings:\n${walk.report()}`).toBe(0);
    } finally {
      centre.cluster.resume();
    }
    await expect(pageB.getByRole('status').filter({ hasText: /cannot be reached/ })).toHaveCount(0, {
      timeout: 30_000,
    });
  } finally {
    await pageB.close();
    await bridgeB.close();
  }
  expect(failures.unexpected(), 'unexpected failures logged by kiosk B').toEqual([]);
});
