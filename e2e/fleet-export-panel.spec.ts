/**
 * The export panel of a kiosk that joined a hospital fleet, in the browser preview: the scope choice, the reporting
 * role and password fields with their sentence, and the preview's answer (the unit and hospital export runs on the
 * kiosk itself, which holds the link to the hospital's database). The export itself is tested against a real
 * PostgreSQL in src/main/fleet/kiosk/fleet-export.test.ts.
 */
import { insertFleetLink } from '../src/main/core/repositories/fleet-outbox-repository';
import { writeSetting } from '../src/main/core/repositories/settings-repository';
import { reportsMessages } from '../src/renderer/admin/reports/reports-messages';
import { expectNoSeriousA11yViolations } from './axe';
import { expect, seedWith, test } from './fixtures';
import { ADMIN, expectScreen, KEYPAD_ES, seedKiosk, signIn } from './staff-helpers';
import { pinTheme } from './theme';

test.use({
  seed: seedWith(async (db) => {
    await seedKiosk(db, ['Room 1', 'Room 2']);
    writeSetting(db, 'kioskName', 'Maternity, 4th floor');
    insertFleetLink(db, {
      kioskId: 'kiosk_fleet_k_0a1b2c3d4e',
      kioskName: '4 West',
      unit: 'Maternity',
      server: 'db',
      joinedAt: 1,
    });
  }),
});

for (const language of ['en', 'es'] as const) {
  test(`a fleet kiosk's export panel offers its unit and the hospital, in ${language}`, async ({ page }) => {
    test.setTimeout(60_000);
    const es = language === 'es';
    const t = reportsMessages(language);
    await pinTheme(page, 'day');
    if (es) await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Español' }).click();
    await page.getByRole('button', { name: es ? 'Personal' : 'Staff', exact: true }).click();
    await signIn(page, ADMIN.staffNumber, ADMIN.pin, es ? KEYPAD_ES : undefined);
    await expectScreen(page, es ? 'Administración' : 'Admin area');
    await page.getByRole('tab', { name: es ? 'Informes' : 'Reports' }).click();

    const panel = page.getByRole('region', { name: t.export.heading });
    await expect(panel).toBeVisible();
    const scope = panel.getByRole('group', { name: t.export.fleet.scope });
    await scope.getByRole('button', { name: t.fleet.scopes.unit }).click();
    await expect(panel.getByLabel(t.export.events)).toHaveCount(0);
    const password = panel.getByLabel(t.export.fleet.password, { exact: true });
    await expect(password).toHaveAttribute('type', 'password');
    await expect(password).toHaveAttribute('autocomplete', 'off');
    await expect(panel.getByText(t.export.fleet.credentialsNote)).toBeVisible();
    await panel.getByLabel(t.export.fleet.role).fill('kiosk_fleet_r_quality');
    await password.fill('typed for this export');
    await panel.evaluate((section) => section.scrollIntoView({ block: 'center' }));
    await expectNoSeriousA11yViolations(page, `fleet export panel ${language}`);
    const folder = process.env.SCREENSHOT_DIR;
    if (folder) await page.screenshot({ path: `${folder}/export-fleet-${language}-day.png` });

    await panel.getByRole('button', { name: t.export.start, exact: true }).click();
    await expect(panel.getByRole('status')).toHaveText(t.export.fleet.problems.unavailable);
    await expect(password).toHaveValue('');
    if (folder) await page.screenshot({ path: `${folder}/export-fleet-answer-${language}-day.png` });
  });
}
