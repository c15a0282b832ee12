/**
 * Usage reports end to end: a month of seeded history, the numbers checked against the database, the
 * tables behind the charts, a CSV export downloaded and read back, the printable summary as a one-page PDF, and axe
 * in both languages and themes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import * as XLSX from 'xlsx';
import { writeSyntheticHistory } from '../src/cli/seed-history';
import { parseCsv } from '../src/main/core/testing/csv-parser';
import { localRange } from '../src/main/core/reports/local-days';
import { writeSetting } from '../src/main/core/repositories/settings-repository';
import { loadSettings } from '../src/main/core/services/settings-service';
import { reportsMessages } from '../src/renderer/admin/reports/reports-messages';
import { expectNoSeriousA11yViolations } from './axe';
import { expect, seedWith, test, type Kiosk } from './fixtures';
import { ADMIN, expectScreen, KEYPAD_ES, readDatabase, seedKiosk, signIn } from './staff-helpers';
import { pinTheme } from './theme';

/** The kiosk's zone differs from the browser's (UTC): report days must follow the kiosk's. */
const TIME_ZONE = 'America/New_York';
const FEBRUARY = localRange(TIME_ZONE, '2026-02-01', '2026-02-28');
const SEEDED_SESSIONS = 300;

test.use({
  seed: seedWith(async (db) => {
    await seedKiosk(db, ['Room 1', 'Room 2', 'Room 3']);
    writeSetting(db, 'timeZone', TIME_ZONE);
    writeSetting(db, 'kioskName', 'Maternity, 4th floor');
    const roomIds = (db.prepare('SELECT id FROM rooms ORDER BY id').all() as { id: number }[]).map((row) => row.id);
    const staffIds = (db.prepare('SELECT id FROM staff ORDER BY id').all() as { id: number }[]).map((row) => row.id);
    writeSyntheticHistory(db, {
      sessions: SEEDED_SESSIONS,
      roomIds,
      staffIds,
      from: '2026-02-01',
      to: '2026-02-28',
      timeZone: TIME_ZONE,
      seed: 6,
      autoCloseMinutes: loadSettings(db).autoCloseAfterMinutes,
    });
  }),
});

const count = (kiosk: Kiosk, sql: string, ...params: unknown[]) =>
  readDatabase(
    kiosk,
    (db) =>
      (db
        .prepare(sql)
        .pluck()
        .get(...params) as number) ?? 0,
  );

const sessionsIn = (kiosk: Kiosk, start: number, end: number, roomId?: number) =>
  roomId === undefined
    ? count(kiosk, 'SELECT count(*) FROM sessions WHERE started_at >= ? AND started_at < ?', start, end)
    : count(
        kiosk,
        'SELECT count(*) FROM sessions WHERE started_at >= ? AND started_at < ? AND room_id = ?',
        start,
        end,
        roomId,
      );

/** A key number's value: the <dd> after the <dt> with this name. */
const keyNumber = (page: Page, name: string) =>
  page.locator('dt', { hasText: new RegExp(`^${name}$`) }).locator('xpath=following-sibling::dd[1]');

async function openReports(page: Page, language: 'en' | 'es' = 'en'): Promise<void> {
  const es = language === 'es';
  if (es) await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Español' }).click();
  await page.getByRole('button', { name: es ? 'Personal' : 'Staff', exact: true }).click();
  await signIn(page, ADMIN.staffNumber, ADMIN.pin, es ? KEYPAD_ES : undefined);
  await expectScreen(page, es ? 'Administración' : 'Admin area');
  await page.getByRole('tab', { name: es ? 'Informes' : 'Reports' }).click();
  await expect(page.getByRole('heading', { name: es ? 'Informes de uso' : 'Usage reports' })).toBeVisible();
}

async function chooseLastMonth(page: Page, language: 'en' | 'es' = 'en'): Promise<void> {
  await page.getByRole('button', { name: language === 'es' ? 'El mes pasado' : 'Last month' }).click();
  await expectFebruaryShown(page, language);
}

/** February 2026 typed in as other dates: the same report on any day. */
async function chooseFebruary(page: Page, language: 'en' | 'es'): Promise<void> {
  const words = reportsMessages(language);
  await page.getByRole('button', { name: words.presets.custom }).click();
  await page.getByLabel(words.from, { exact: true }).fill('2026-02-01');
  await page.getByLabel(words.to, { exact: true }).fill('2026-02-28');
  await page.getByRole('button', { name: words.showDates }).click();
  await expectFebruaryShown(page, language);
}

async function expectFebruaryShown(page: Page, language: 'en' | 'es'): Promise<void> {
  await expect(
    page.getByRole('status').filter({ hasText: language === 'es' ? 'Se muestra' : 'Showing' }),
  ).toContainText(language === 'es' ? /1\s?–\s?28 de febrero de 2026/ : /February 1\s–\s28, 2026/);
  await expect(page.getByText(language === 'es' ? 'Contando…' : 'Counting…')).toHaveCount(0);
}

test.describe('on a known day', () => {
  // The test clock: "last month", the default range and the printed date are read on 4 March 2026.
  test.use({ fixedTime: '2026-03-04T15:00:00.000Z' });

  test('the numbers for last month match the database, per room too', async ({ page, kiosk }) => {
    await openReports(page);
    // Today is 4 March in New York; the default range is the last 30 days.
    await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toContainText(/February 3\s–\sMarch 4, 2026/);
    await chooseLastMonth(page);

    const sessions = sessionsIn(kiosk, FEBRUARY.start, FEBRUARY.end);
    expect(sessions).toBe(SEEDED_SESSIONS);
    await expect(keyNumber(page, 'Sessions')).toHaveText(String(sessions));
    const help = count(
      kiosk,
      "SELECT count(*) FROM session_events WHERE type = 'help-requested' AND at >= ? AND at < ?",
      FEBRUARY.start,
      FEBRUARY.end,
    );
    await expect(keyNumber(page, 'Help requests')).toHaveText(String(help));
    const autoClosed = count(
      kiosk,
      "SELECT count(*) FROM sessions WHERE end_reason = 'auto-closed' AND started_at >= ? AND started_at < ?",
      FEBRUARY.start,
      FEBRUARY.end,
    );
    await expect(keyNumber(page, 'Closed by the kiosk')).toContainText(`${Math.round((100 * autoClosed) / sessions)}%`);
    await expect(keyNumber(page, 'Closed by the kiosk')).toContainText(
      'A high share means sessions are not being ended.',
    );

    // Every chart is an image with a title and a summary, and has its table.
    const charts = page.getByRole('img');
    await expect(charts).toHaveCount(7);
    await expect(page.getByRole('img', { name: 'Sessions per day' })).toHaveAccessibleDescription(
      new RegExp(`^${sessions} sessions over 28 days\\. The busiest day was`),
    );

    const perDay = page.getByRole('region', { name: 'Sessions per day' });
    const toggle = perDay.getByRole('button', { name: 'Show as table' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(perDay.getByRole('button', { name: 'Hide the table' })).toHaveAttribute('aria-expanded', 'true');
    const table = perDay.getByRole('table', { name: 'Sessions per day' });
    await expect(table.getByRole('columnheader')).toHaveText(['Day', 'Sessions']);
    await expect(table.getByRole('row')).toHaveCount(1 + 28);
    const tenth = FEBRUARY.days[9]!;
    expect(tenth.date).toBe('2026-02-10');
    await expect(table.getByRole('row', { name: /^Tue, Feb 10 / })).toHaveText(
      `Tue, Feb 10${sessionsIn(kiosk, tenth.start, tenth.end)}`,
    );

    // One room: the numbers follow the choice.
    await page.getByLabel('Room', { exact: true }).selectOption({ label: 'Room 2' });
    await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toContainText('Room 2');
    await expect(keyNumber(page, 'Sessions')).toHaveText(String(sessionsIn(kiosk, FEBRUARY.start, FEBRUARY.end, 2)));

    // A custom range that cannot be used is explained, and the report stays as it was.
    await page.getByRole('button', { name: 'Other dates' }).click();
    await page.getByLabel('From', { exact: true }).fill('2026-03-01');
    await page.getByLabel('To', { exact: true }).fill('2026-02-01');
    await page.getByRole('button', { name: 'Show these dates' }).click();
    await expect(page.getByText('The first date must be on or before the second.')).toBeVisible();
    await expect(page.getByLabel('From', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('From', { exact: true }).fill('2026-02-10');
    await page.getByLabel('To', { exact: true }).fill('2026-02-10');
    await page.getByRole('button', { name: 'Show these dates' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toContainText('February 10, 2026, Room 2');
    await expect(keyNumber(page, 'Sessions')).toHaveText(String(sessionsIn(kiosk, tenth.start, tenth.end, 2)));
  });

  test('a CSV export downloads in the browser, reads back row for row, and is audited', async ({ page, kiosk }) => {
    // Electron asks where to save with a native dialog that Playwright cannot answer; export-dialog.test.ts covers it.
    test.skip(kiosk.transport === 'electron', 'the save dialog is native in Electron');
    await openReports(page);
    await chooseLastMonth(page);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('lactation-sessions-2026-02-01-to-2026-02-28.csv');
    const text = readFileSync(await download.path(), 'utf8');
    expect(text.startsWith('\uFEFF"id","room","kind",')).toBe(true);
    const records = parseCsv(text.slice(1));
    const sessions = sessionsIn(kiosk, FEBRUARY.start, FEBRUARY.end);
    expect(records.length - 1).toBe(sessions);
    await expect(page.getByRole('status').filter({ hasText: 'Done' })).toHaveText(
      `Done: ${sessions} rows saved to lactation-sessions-2026-02-01-to-2026-02-28.csv.`,
    );

    // Events as JSON, for one room.
    await page.getByLabel('Room', { exact: true }).selectOption({ label: 'Room 1' });
    await page.getByLabel('Events: guides, slides, timers and help presses').check();
    await page.getByLabel('JSON').check();
    const second = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const events = JSON.parse(readFileSync(await (await second).path(), 'utf8')) as { room: string }[];
    const expectedEvents = count(
      kiosk,
      `SELECT count(*) FROM session_events e JOIN sessions s ON s.id = e.session_id
        WHERE s.room_id = 1 AND s.started_at >= ? AND s.started_at < ?`,
      FEBRUARY.start,
      FEBRUARY.end,
    );
    expect(events).toHaveLength(expectedEvents);
    expect(new Set(events.map((event) => event.room))).toEqual(new Set(['Room 1']));

    const audited = readDatabase(kiosk, (db) =>
      (
        db
          .prepare(
            "SELECT a.detail, s.staff_number FROM audit_log a JOIN staff s ON s.id = a.staff_id WHERE a.action = 'export' ORDER BY a.id",
          )
          .all() as { detail: string; staff_number: string }[]
      ).map((row) => ({ staffNumber: row.staff_number, ...(JSON.parse(row.detail) as Record<string, unknown>) })),
    );
    expect(audited).toEqual([
      expect.objectContaining({
        staffNumber: ADMIN.staffNumber,
        what: 'sessions',
        format: 'csv',
        from: '2026-02-01',
        to: '2026-02-28',
        rows: sessions,
        outcome: 'completed',
        via: 'kiosk',
      }),
      expect.objectContaining({
        what: 'events',
        format: 'json',
        roomId: 1,
        rows: expectedEvents,
        outcome: 'completed',
      }),
    ]);
  });

  test('an Excel export downloads from the Spanish screen and a spreadsheet reader gets every row', async ({
    page,
    kiosk,
  }) => {
    test.skip(kiosk.transport === 'electron', 'the save dialog is native in Electron');
    await openReports(page, 'es');
    await chooseLastMonth(page, 'es');
    await page.getByLabel('Libro de Excel (.xlsx)').check();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exportar', exact: true }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('lactation-sessions-2026-02-01-to-2026-02-28.xlsx');
    const book = XLSX.read(readFileSync(await download.path()), { type: 'buffer' });
    expect(book.SheetNames).toEqual(['sessions']);
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.sessions!);
    const sessions = sessionsIn(kiosk, FEBRUARY.start, FEBRUARY.end);
    expect(rows).toHaveLength(sessions);
    const ended = rows.filter((row) => row.duration_seconds !== undefined);
    expect(ended.every((row) => typeof row.duration_seconds === 'number')).toBe(true);
    expect(ended.reduce((sum, row) => sum + (row.duration_seconds as number), 0)).toBe(
      count(
        kiosk,
        `SELECT sum((ended_at - started_at + 500) / 1000) FROM sessions
          WHERE ended_at IS NOT NULL AND started_at >= ? AND started_at < ?`,
        FEBRUARY.start,
        FEBRUARY.end,
      ),
    );
    const audited = readDatabase(kiosk, (db) =>
      db.prepare("SELECT detail FROM audit_log WHERE action = 'export' ORDER BY id DESC LIMIT 1").pluck().get(),
    ) as string;
    expect(JSON.parse(audited)).toMatchObject({ format: 'xlsx', rows: sessions, outcome: 'completed' });
  });

  test('the printable monthly summary fits one A4 page', async ({ page, kiosk }, testInfo) => {
    test.skip(kiosk.transport === 'electron', "Playwright's page.pdf() needs headless Chromium");
    await openReports(page);
    await expect(page.getByLabel('Month', { exact: true })).toHaveValue('2026-02');
    await page.getByRole('button', { name: 'Show the printable summary' }).click();
    const sheet = page.getByRole('dialog', { name: 'Usage in February 2026' });
    await expect(sheet).toBeVisible();
    await expect(sheet.getByRole('heading', { name: 'Usage in February 2026' })).toBeFocused();
    await expect(sheet).toContainText('Maternity, 4th floor');
    await expect(sheet).toContainText('Printed on March 4, 2026');
    await expect(sheet.getByRole('img')).toHaveCount(2);
    // A browser saves a PDF with its own print window; only the app saves one itself.
    await expect(sheet.getByRole('button', { name: 'Save as PDF' })).toHaveCount(
      kiosk.transport === 'electron' ? 1 : 0,
    );
    await expect(sheet.getByRole('button', { name: 'Print' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'print preview');

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages).toHaveLength(1);
    const pdfPath = testInfo.outputPath('usage-summary-2026-02.pdf');
    writeFileSync(pdfPath, pdf);
    // A picture of the page for the README, where poppler's pdftoppm is installed (the test itself does not need it).
    const folder = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : process.env.SCREENSHOT_DIR;
    if (folder && existsSync('/usr/bin/pdftoppm')) {
      mkdirSync(folder, { recursive: true });
      execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '80', '-singlefile', pdfPath, `${folder}/report-print-en`]);
    }

    await page.keyboard.press('Escape');
    await expect(sheet).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Show the printable summary' })).toBeFocused();
  });

  test('in the app, the monthly summary saves itself as a one-page PDF where staff choose', async ({ page, kiosk }) => {
    test.skip(
      kiosk.transport !== 'electron',
      'printToPDF is the Electron shell’s; the browser prints with its own window',
    );
    const target = join(kiosk.dataFolder, 'chosen', 'february.pdf');
    mkdirSync(dirname(target), { recursive: true });
    // Playwright cannot answer a native dialog: stand in for it, answering the path staff would pick.
    await kiosk.electronApp!.evaluate(({ dialog }, filePath) => {
      dialog.showSaveDialog = (() => Promise.resolve({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
    }, target);
    await openReports(page);
    await page.getByRole('button', { name: 'Show the printable summary' }).click();
    const sheet = page.getByRole('dialog', { name: 'Usage in February 2026' });
    await sheet.getByRole('button', { name: 'Save as PDF' }).click();
    await expect(sheet.getByRole('status')).toHaveText(`Saved: ${target}.`);
    const pdf = readFileSync(target);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).toHaveLength(1);
    const audited = readDatabase(kiosk, (db) =>
      db.prepare("SELECT detail FROM audit_log WHERE action = 'report-pdf'").pluck().get(),
    ) as string;
    expect(JSON.parse(audited)).toMatchObject({ month: '2026-02', outcome: 'written', bytes: pdf.length });
  });
});

test.describe('over several years', () => {
  // Three years and two months of history: longer than a report's 366 days, read on the system clock.
  test.use({
    seed: seedWith(async (db) => {
      await seedKiosk(db, ['Room 1', 'Room 2']);
      writeSetting(db, 'timeZone', TIME_ZONE);
      writeSyntheticHistory(db, {
        sessions: 400,
        roomIds: db.prepare('SELECT id FROM rooms ORDER BY id').pluck().all() as number[],
        staffIds: db.prepare('SELECT id FROM staff ORDER BY id').pluck().all() as number[],
        from: '2023-01-01',
        to: '2026-02-28',
        timeZone: TIME_ZONE,
        seed: 9,
        autoCloseMinutes: loadSettings(db).autoCloseAfterMinutes,
      });
    }),
  });

  test('the year-by-year table counts every year in the database, for all rooms and for one', async ({
    page,
    kiosk,
  }) => {
    await openReports(page);
    const thisYear = Number(new Intl.DateTimeFormat('en', { timeZone: TIME_ZONE, year: 'numeric' }).format(Date.now()));
    const years = Array.from({ length: thisYear - 2023 + 1 }, (_, index) => 2023 + index);
    const inYear = (year: number, roomId?: number) => {
      const range = localRange(TIME_ZONE, `${year}-01-01`, `${year}-12-31`);
      return sessionsIn(kiosk, range.start, range.end, roomId);
    };

    for (const roomId of [undefined, 2]) {
      if (roomId !== undefined) await page.getByLabel('Room', { exact: true }).selectOption({ label: 'Room 2' });
      const table = page.getByRole('table', { name: `Sessions by year, ${roomId ? 'Room 2' : 'all rooms'}` });
      await expect(table.getByRole('row')).toHaveCount(1 + years.length + 1);
      for (const year of years) {
        await expect(
          table
            .getByRole('row', { name: new RegExp(`^${year}`) })
            .getByRole('cell')
            .first(),
        ).toHaveText(String(inYear(year, roomId)));
      }
      const all = roomId === undefined ? 400 : count(kiosk, 'SELECT count(*) FROM sessions WHERE room_id = ?', roomId);
      expect(years.reduce((sum, year) => sum + inYear(year, roomId), 0)).toBe(all);
      await expect(
        table
          .getByRole('row', { name: /^All years/ })
          .getByRole('cell')
          .first(),
      ).toHaveText(new Intl.NumberFormat('en').format(all));
    }
    const folder = process.env.SCREENSHOT_DIR;
    if (folder) {
      await page.getByRole('heading', { name: 'Year by year' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${folder}/reports-years-en-day.png` });
    }
  });
});

for (const language of ['en', 'es'] as const) {
  for (const theme of ['day', 'night'] as const) {
    test(`the reports are accessible in ${language}, ${theme}`, async ({ page }) => {
      // Two axe passes over a long page (charts, then every table open): 30 s is not enough on a busy machine.
      test.setTimeout(90_000);
      const es = language === 'es';
      await pinTheme(page, theme);
      await openReports(page, language);
      await chooseFebruary(page, language);
      await expect(page.getByRole('img', { name: es ? 'Sesiones por día' : 'Sessions per day' })).toBeVisible();
      await expectNoSeriousA11yViolations(page, `reports ${language} ${theme}`);
      // The dashboard as staff first see it: the heading, the dates, the key numbers and the first chart.
      await page
        .getByRole('heading', { name: es ? 'Informes de uso' : 'Usage reports' })
        .evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
      const folder = process.env.SCREENSHOT_DIR;
      if (folder) {
        await page.screenshot({ path: `${folder}/reports-${language}-${theme}.png` });
        await page.screenshot({ path: `${folder}/reports-full-${language}-${theme}.png`, fullPage: true });
      }
      if (language === 'en' && theme === 'day' && process.env.UPDATE_SCREENSHOTS === '1') {
        mkdirSync('docs/screenshots', { recursive: true });
        await page.screenshot({ path: 'docs/screenshots/reports-en-day.png' });
      }

      // With every table open too.
      const show = page.getByRole('button', { name: es ? 'Ver como tabla' : 'Show as table' });
      while ((await show.count()) > 0) await show.first().click();
      // The seven charts' tables and the year-by-year table.
      await expect(page.getByRole('table')).toHaveCount(8);
      await expectNoSeriousA11yViolations(page, `reports tables ${language} ${theme}`);
    });
  }
}
