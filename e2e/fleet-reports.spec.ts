/**
 * The hospital-wide Reports scope end to end, with nothing faked: the system clock, the preview's own wiring
 * (startWebKiosk, as `npm run start:web` runs it), real SQLite, and a real PostgreSQL this spec starts and removes.
 * Three kiosks join through `fleet add-kiosk` and `fleet join`: the one on screen and another in Maternity, one in
 * the Neonatal ICU. A nurse's session on screen reaches the centre through the delivery worker, and the unit and
 * hospital figures on screen equal what the kiosks' SQLite and a scan of the centre's sessions say, one more after it.
 * With the centre stopped the screen says so at once, offers "Try again", and the kiosk's own report still works.
 * Without PostgreSQL's server programs the spec fails with the kit's message saying what to install.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { databasePath } from '../src/main/core/data-folder';
import type { KioskDatabase } from '../src/main/core/db/open-database';
import { openKioskCore } from '../src/main/core/kiosk-core';
import { readOutboxBacklog } from '../src/main/core/repositories/fleet-outbox-repository';
import { insertSession, markSessionEnded } from '../src/main/core/repositories/sessions-repository';
import { writeSetting } from '../src/main/core/repositories/settings-repository';
import { scanCentralSessions, type SessionTotals } from '../src/main/fleet/testing/central-totals';
import { reportsMessages, type ReportsMessages } from '../src/renderer/admin/reports/reports-messages';
import { LANGUAGE_NAMES } from '../src/renderer/lib/i18n/language-names';
import { en } from '../src/renderer/lib/i18n/messages-en';
import { es } from '../src/renderer/lib/i18n/messages-es';
import { expectNoSeriousA11yViolations } from './axe';
import { startFleetCentre, type FleetCentre } from './fleet-centre';
import { expect, seedWith, test, type Kiosk } from './fixtures';
import { KIOSK_SIZES, LayoutWalk } from './layout-check';
import { ADMIN, NURSE, readDatabase, seedKiosk, signIn, tile, type KeypadWords } from './staff-helpers';
import { pinTheme } from './theme';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MATERNITY = 'Maternity';
const ROOM = 'Room 1';
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** The screen's words for numbers, lengths and dates, in English (src/renderer/admin/reports/report-format.ts). */
const number = (value: number) => new Intl.NumberFormat('en').format(value);
const noon = (day: string) => Date.parse(`${day}T12:00:00Z`);
const datesText = (range: Range) =>
  new Intl.DateTimeFormat('en', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).formatRange(
    noon(range.from),
    noon(range.to),
  );
function lengthText(ms: number): string {
  const words = en.duration;
  const total = Math.floor(Math.round(ms / 1000) / 60);
  if (total < 60) return words.minutes(number(total));
  const hours = Math.floor(total / 60);
  const hoursText = (hours === 1 ? words.hours.one : words.hours.other)(number(hours));
  return total % 60 === 0 ? hoursText : words.hoursAndMinutes(hoursText, words.minutes(number(total % 60)));
}
const startsWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** Sessions of the past days (hours ago, minutes long; null: still open), written as the app writes them. */
type History = { hoursAgo: number; minutes: number | null }[];

function writeHistory(db: KioskDatabase, history: History): void {
  const roomId = db.prepare('SELECT id FROM rooms ORDER BY id LIMIT 1').pluck().get() as number;
  const staffId = db.prepare('SELECT id FROM staff ORDER BY id LIMIT 1').pluck().get() as number;
  const now = Date.now();
  for (const visit of history) {
    const startedAt = now - visit.hoursAgo * HOUR;
    const id = insertSession(db, {
      uuid: randomUUID(),
      roomId,
      kind: 'pumping',
      language: 'en',
      startedAt,
      startedBy: staffId,
    });
    if (visit.minutes !== null) {
      markSessionEnded(db, id, {
        endedAt: startedAt + visit.minutes * 60_000,
        endedBy: staffId,
        endReason: 'completed',
      });
    }
  }
}

const HISTORY_ON_SCREEN: History = [
  { hoursAgo: 30, minutes: 25 },
  { hoursAgo: 75, minutes: 40 },
];
/** Another Maternity kiosk: one session still open, one before the dates shown (so the range is seen to count). */
const HISTORY_MATERNITY: History = [
  { hoursAgo: 28, minutes: 18 },
  { hoursAgo: 100, minutes: 33 },
  { hoursAgo: 40 * 24, minutes: 20 },
  // Last: a room holds one open session at a time (younger than the auto-close limit, so it stays open).
  { hoursAgo: 1, minutes: null },
];
const HISTORY_ICU: History = [
  { hoursAgo: 10, minutes: 45 },
  { hoursAgo: 52, minutes: 12 },
];

let centre: FleetCentre;
/** The kiosks not on screen: their data folders and units. */
const others: { folder: string; unit: string }[] = [];
let kiosksJoined = 0;

/** A kiosk that is not on screen: a data folder with its history, joined and delivered by `fleet join`. */
async function otherKiosk(name: string, unit: string, history: History): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'kiosk-e2e-fleet-'));
  others.push({ folder, unit });
  const core = openKioskCore({ dataFolder: folder, backups: false });
  try {
    await seedKiosk(core.db, [ROOM]);
    writeHistory(core.db, history);
  } finally {
    core.close();
  }
  await centre.join(folder, await centre.addKiosk(name, unit));
}

test.beforeAll(async ({ transport }) => {
  // The Electron project skips this spec (below): no cluster for it.
  if (transport !== 'browser') return;
  test.setTimeout(120_000);
  // Fails here, with what to install, when PostgreSQL's server programs are missing: nothing is skipped.
  centre = await startFleetCentre();
  await otherKiosk('4 East', MATERNITY, HISTORY_MATERNITY);
  await otherKiosk('NICU', 'Neonatal ICU', HISTORY_ICU);
});

test.afterAll(async () => {
  await centre?.stop();
  for (const { folder } of others.splice(0)) rmSync(folder, { recursive: true, force: true });
});

test.use({
  seed: seedWith(async (db, dataFolder) => {
    await seedKiosk(db, [ROOM, 'Room 2']);
    // Its own report then counts the same calendar days as the fleet's UTC days.
    writeSetting(db, 'timeZone', 'UTC');
    writeHistory(db, HISTORY_ON_SCREEN);
    kiosksJoined += 1;
    await centre.join(dataFolder, await centre.addKiosk(`4 West ${kiosksJoined}`, MATERNITY));
  }),
});

test.skip(({ transport }) => transport !== 'browser', 'the preview’s fleet wiring is the browser transport’s');

interface Range {
  from: string;
  to: string;
}

type SessionRow = { startedAt: number; endedAt: number | null };
const SESSIONS_SQL = 'SELECT started_at AS startedAt, ended_at AS endedAt FROM sessions';

/** What the kiosks' own SQLite files hold for these UTC days: the on-screen kiosk's, and the others' of `unit`. */
function sqliteTotals(kiosk: Kiosk, range: Range, unit?: string): SessionTotals & { mostKiosksInADay: number } {
  const perKiosk: SessionRow[][] = [readDatabase(kiosk, (db) => db.prepare(SESSIONS_SQL).all() as SessionRow[])];
  for (const other of others) {
    if (unit !== undefined && other.unit !== unit) continue;
    const db = new Database(databasePath(other.folder), { readonly: true, fileMustExist: true });
    try {
      perKiosk.push(db.prepare(SESSIONS_SQL).all() as SessionRow[]);
    } finally {
      db.close();
    }
  }
  const totals = { sessions: 0, endedSessions: 0, durationMs: 0, mostKiosksInADay: 0 };
  const kiosksByDay = new Map<string, number>();
  for (const rows of perKiosk) {
    const inRange = rows.filter((row) => utcDay(row.startedAt) >= range.from && utcDay(row.startedAt) <= range.to);
    totals.sessions += inRange.length;
    for (const row of inRange.filter((candidate) => candidate.endedAt !== null)) {
      totals.endedSessions += 1;
      totals.durationMs += row.endedAt! - row.startedAt;
    }
    for (const day of new Set(inRange.map((row) => utcDay(row.startedAt)))) {
      kiosksByDay.set(day, (kiosksByDay.get(day) ?? 0) + 1);
    }
  }
  totals.mostKiosksInADay = Math.max(0, ...kiosksByDay.values());
  return totals;
}

/** Waits until the on-screen kiosk's outbox is empty and the centre holds what every kiosk holds. */
async function expectDelivered(kiosk: Kiosk, range: Range): Promise<SessionTotals> {
  await expect.poll(() => readOutboxBacklog(kiosk.bridge!.core.db).rows, { timeout: 20_000 }).toBe(0);
  const { mostKiosksInADay: _most, ...expected } = sqliteTotals(kiosk, range);
  await expect.poll(() => scanCentralSessions(centre.superuser, range), { timeout: 20_000 }).toEqual(expected);
  return expected;
}

/** A key number's value: the <dd> after the <dt> with this name. */
const keyNumber = (page: Page, name: string) =>
  page
    .locator('dt', { hasText: new RegExp(`^${name}$`) })
    .locator('xpath=following-sibling::dd[1]')
    .locator('.value');

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
/** A button of the Reports tab's own scope choice ("Report for"), not of the export panel's ("Export for"). */
const reportScope = (page: Page, words: ReportsMessages, name: string) =>
  page.getByRole('group', { name: words.fleet.scope, exact: true }).getByRole('button', { name, exact: true });

async function openReports(page: Page, language: 'en' | 'es'): Promise<void> {
  const m = language === 'en' ? en : es;
  const keypad: KeypadWords = { keys: m.keypad.keysLabel, next: m.keypad.next, signIn: m.keypad.signIn };
  await button(page, m.flow.staffButton).click();
  await signIn(page, ADMIN.staffNumber, ADMIN.pin, keypad);
  await page.getByRole('tab', { name: m.admin.tabs.reports }).click();
  await expect(page.getByRole('heading', { name: reportsMessages(language).heading })).toBeVisible();
}

async function chooseDates(page: Page, range: Range): Promise<void> {
  const words = reportsMessages('en');
  await button(page, words.presets.custom).click();
  await page.getByLabel(words.from, { exact: true }).fill(range.from);
  await page.getByLabel(words.to, { exact: true }).fill(range.to);
  await button(page, words.showDates).click();
}

/** The scope's figures for the dates, once counted: the status line names the dates (and the unit), then the numbers. */
async function expectFigures(
  page: Page,
  scope: 'unit' | 'hospital',
  range: Range,
  expected: SessionTotals & { mostKiosksInADay: number },
): Promise<void> {
  const words = reportsMessages('en');
  const dates = datesText(range);
  const status = scope === 'unit' ? words.fleet.showingUnit(dates, MATERNITY) : words.fleet.showingHospital(dates);
  await expect(page.getByRole('status').filter({ hasText: 'UTC days' })).toHaveText(status);
  await expect(page.getByText(words.counting)).toHaveCount(0);
  await expect(keyNumber(page, words.numbers.sessions)).toHaveText(number(expected.sessions));
  const open = expected.sessions - expected.endedSessions;
  const note = keyNumber(page, words.numbers.sessions).locator('xpath=following-sibling::*');
  if (open > 0) await expect(note).toHaveText(words.numbers.stillOpen(number(open)));
  else await expect(note).toHaveCount(0);
  await expect(keyNumber(page, words.numbers.totalTime)).toHaveText(lengthText(expected.durationMs));
  await expect(keyNumber(page, words.fleet.mostKiosks)).toHaveText(number(expected.mostKiosksInADay));
}

test('a session on this kiosk reaches the unit and hospital figures; a stopped centre is said at once', async ({
  page,
  kiosk,
}) => {
  test.setTimeout(150_000);
  const words = reportsMessages('en');
  const now = Date.now();
  const range = { from: utcDay(now - 13 * DAY), to: utcDay(now) };
  const scope = (name: 'kiosk' | 'unit' | 'hospital') => reportScope(page, words, words.fleet.scopes[name]);

  const before = await expectDelivered(kiosk, range);
  // The range counts: the Maternity kiosk's session of 40 days ago is at the centre but not in these figures.
  expect(before.sessions).toBe(HISTORY_ON_SCREEN.length + HISTORY_MATERNITY.length - 1 + HISTORY_ICU.length);
  expect(before.sessions - before.endedSessions, 'the Maternity kiosk’s open session').toBe(1);

  // ---- The admin reads the hospital's and the unit's figures
  await openReports(page, 'en');
  await scope('hospital').click();
  await chooseDates(page, range);
  await expect(scope('hospital')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText(words.fleet.utcNote)).toBeVisible();
  await expectFigures(page, 'hospital', range, sqliteTotals(kiosk, range));
  await expectNoSeriousA11yViolations(page, 'hospital scope');
  await scope('unit').click();
  const unitBefore = sqliteTotals(kiosk, range, MATERNITY);
  expect(unitBefore.sessions).toBeLessThan(before.sessions);
  await expectFigures(page, 'unit', range, unitBefore);
  await button(page, en.flow.signOut).click();

  // ---- A nurse starts and ends a session in the UI
  await tile(page, ROOM).click();
  await signIn(page, NURSE.staffNumber, NURSE.pin);
  await page.getByRole('radio', { name: startsWith(en.sessionKind.pumping) }).check();
  await page.getByRole('radio', { name: LANGUAGE_NAMES.en }).check();
  await button(page, en.start.startButton).click();
  await expect(page.getByRole('heading', { level: 1, name: ROOM })).toBeVisible();
  await button(page, en.parent.hub.leave).click();
  await tile(page, ROOM).click();
  await page.getByRole('button', { name: startsWith(en.roomActions.endSession) }).click();
  await signIn(page, NURSE.staffNumber, NURSE.pin);
  await button(page, en.roomActions.confirmEnd).click();
  await expect(tile(page, ROOM)).toContainText(en.board.needsCleaning);

  // ---- The worker delivers it: one more session everywhere, on screen too
  const after = await expectDelivered(kiosk, range);
  expect(after.sessions).toBe(before.sessions + 1);
  expect(after.endedSessions).toBe(before.endedSessions + 1);
  await openReports(page, 'en');
  await scope('hospital').click();
  await chooseDates(page, range);
  await expectFigures(page, 'hospital', range, sqliteTotals(kiosk, range));
  await scope('unit').click();
  const unitAfter = sqliteTotals(kiosk, range, MATERNITY);
  expect(unitAfter.sessions).toBe(unitBefore.sessions + 1);
  await expectFigures(page, 'unit', range, unitAfter);

  // ---- The centre stops: the answer comes at once, with "Try again"; the kiosk's own report still works
  centre.cluster.halt();
  const asked = Date.now();
  await scope('hospital').click();
  const alert = page.getByRole('alert').filter({ hasText: words.fleet.problems.unreachable });
  await expect(alert).toContainText(words.fleet.problems.unreachable);
  const waitedMs = Date.now() - asked;
  // A hang would last the 3 s connect timeout at least; a stopped server refuses the connection at once.
  expect(waitedMs, 'the unreachable answer took too long').toBeLessThan(2_500);
  await expect(alert.getByRole('button', { name: words.fleet.tryAgain })).toBeEnabled();
  await expectNoSeriousA11yViolations(page, 'hospital scope, centre unreachable');
  await alert.getByRole('button', { name: words.fleet.tryAgain }).click();
  await expect(alert).toContainText(words.fleet.problems.unreachable);
  await expect(alert.getByRole('button', { name: words.fleet.tryAgain })).toBeEnabled();

  await scope('kiosk').click();
  const own = readDatabase(
    kiosk,
    (db) =>
      db
        .prepare('SELECT count(*) FROM sessions WHERE started_at >= ? AND started_at < ?')
        .pluck()
        .get(Date.parse(`${range.from}T00:00:00Z`), Date.parse(`${range.to}T00:00:00Z`) + DAY) as number,
  );
  expect(own).toBe(HISTORY_ON_SCREEN.length + 1);
  const showing = words.showing(datesText(range), words.allRoomsInSentence);
  await expect(page.getByRole('status').filter({ hasText: showing })).toBeVisible();
  await expect(page.getByText(words.counting)).toHaveCount(0);
  await expect(keyNumber(page, words.numbers.sessions)).toHaveText(String(own));

  // ---- Back again: "Try again" shows the figures once the centre answers
  await scope('hospital').click();
  await expect(alert).toContainText(words.fleet.problems.unreachable);
  centre.cluster.resume();
  await alert.getByRole('button', { name: words.fleet.tryAgain }).click();
  await expectFigures(page, 'hospital', range, sqliteTotals(kiosk, range));
});

/** At each kiosk size, how many of the figures' cards stand in each row (top to bottom). */
async function cardsPerRow(page: Page): Promise<{ size: string; rows: number[] }[]> {
  const restore = page.viewportSize();
  const found: { size: string; rows: number[] }[] = [];
  for (const size of KIOSK_SIZES) {
    await page.setViewportSize(size);
    const tops = await page
      .locator('.numbers > div')
      .evaluateAll((cards) => cards.map((card) => Math.round(card.getBoundingClientRect().top)));
    const rows = [...new Set(tops)].map((top) => tops.filter((other) => other === top).length);
    found.push({ size: `${size.width}x${size.height}`, rows });
  }
  if (restore) await page.setViewportSize(restore);
  return found;
}

/** Four cards in one row, two by two, or one under another: never three over a lone one. */
const evenRows = ({ rows }: { rows: number[] }) => rows.length > 0 && rows.every((count) => count === rows[0]);

test('the Reports tab with the hospital scope fits every kiosk size, in English and Spanish, by day and night', async ({
  page,
}) => {
  test.setTimeout(240_000);
  for (const language of ['en', 'es'] as const) {
    for (const theme of ['day', 'night'] as const) {
      const m = language === 'en' ? en : es;
      const words = reportsMessages(language);
      await expect(tile(page, ROOM)).toBeVisible();
      // The board speaks the kiosk's language (English) when it comes back, unless staff choose another.
      if ((await page.locator('html').getAttribute('lang')) !== language) {
        await page.getByRole('button', { name: LANGUAGE_NAMES[language], exact: true }).click();
      }
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await pinTheme(page, theme, m.common.nightMode);
      await openReports(page, language);
      const hospital = reportScope(page, words, words.fleet.scopes.hospital);
      await hospital.click();
      await expect(page.getByText(words.counting)).toHaveCount(0);
      await expect(keyNumber(page, words.numbers.sessions)).toBeVisible();

      const walk = new LayoutWalk(page, language, theme, process.env.KIOSK_SHOTS_DIR);
      await walk.check('admin-reports-hospital', hospital);
      walk.finish('fleet-reports');
      expect(walk.findings.length, `layout findings:\n${walk.report()}`).toBe(0);
      const uneven = (await cardsPerRow(page)).filter((found) => !evenRows(found));
      expect(uneven, `${language} ${theme}: the four figures stand in uneven rows`).toEqual([]);
      await button(page, m.flow.signOut).click();
    }
  }
});
