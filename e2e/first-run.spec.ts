import type { Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { expect, test } from './fixtures';
import { expectScreen, pressKeys, readDatabase, signIn, tile } from './staff-helpers';
import { pinTheme } from './theme';

// No seed: a brand-new data folder, so the kiosk needs first-run setup; the system clock throughout.

const stepTitle = (page: Page, name: string) => page.getByRole('heading', { level: 3, name });

test('first-run setup, end to end: language, rooms, the way to reach a nurse, the first admin, then the board', async ({
  page,
  kiosk,
}) => {
  await expect(page.getByRole('heading', { level: 2, name: 'Set up this kiosk' })).toBeVisible();
  // The step's own title takes the focus.
  await expect(stepTitle(page, 'The kiosk’s language')).toBeFocused();
  // Nothing else is reachable: no board, no staff button.
  await expect(page.getByRole('button', { name: 'Staff', exact: true })).toHaveCount(0);
  await expect(page.getByText('Step 1 of 5')).toBeVisible();
  // No language is chosen for the admin.
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert')).toHaveText('Please choose a language.');
  await page.getByRole('radio', { name: 'English' }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(stepTitle(page, 'The kiosk and its rooms')).toBeFocused();

  // Blank names are explained next to their field, linked for assistive technology.
  const kioskName = page.getByLabel('Name of this kiosk');
  await kioskName.fill('  ');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(kioskName).toHaveAttribute('aria-invalid', 'true');
  await expect(kioskName).toBeFocused();
  await expect(page.getByText('Please fill this in.')).toBeVisible();
  const describedBy = (await kioskName.getAttribute('aria-describedby')) ?? '';
  expect(describedBy.split(' ')).toContain(await page.getByText('Please fill this in.').getAttribute('id'));

  await kioskName.fill('Maternity, 3rd floor');
  await expect(page.getByLabel('Name of room 1')).toHaveValue('Room 1');
  await page.getByLabel('Name of room 1').fill('Rose room');
  await page.getByRole('button', { name: 'Add a room' }).click();
  await expect(page.getByLabel('Name of room 2')).toHaveValue('Room 2');
  await page.getByRole('button', { name: 'Add a room' }).click();
  await page.getByRole('button', { name: 'Remove Room 3' }).click();
  await expect(page.getByLabel('Name of room 3')).toHaveCount(0);
  await page.getByRole('button', { name: 'Next' }).click();

  // How parents reach a nurse: a phone call needs the extension.
  await expect(stepTitle(page, 'How parents reach a nurse')).toBeFocused();
  await page.getByRole('radio', { name: /^A phone call to the nurses’ station/ }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Please type the extension', { exact: false })).toBeVisible();
  await page.getByLabel('The nurses’ station’s extension').fill('4417');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(stepTitle(page, 'The first administrator')).toBeFocused();
  await page.getByLabel('Administrator’s name').fill('Alex Admin');
  await page.getByRole('button', { name: 'Next' }).click();

  // The PIN, typed twice; the second time differently: back to choosing it.
  await expect(stepTitle(page, 'Choose a PIN')).toBeVisible();
  await pressKeys(page, '1234');
  await expect(page.getByLabel('New PIN', { exact: true })).toHaveAttribute('type', 'password');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(stepTitle(page, 'Type the same PIN again')).toBeVisible();
  await page.keyboard.type('1243');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('The two PINs were different. Please choose your PIN again.');
  await expect(stepTitle(page, 'Choose a PIN')).toBeVisible();

  // This time with the physical keyboard, then the on-screen keys.
  await page.keyboard.type('1234');
  await page.keyboard.press('Enter');
  await pressKeys(page, '1234');
  await page.getByRole('button', { name: 'Finish setup' }).click();

  await expect(stepTitle(page, 'Write this down')).toBeFocused();
  await expect(page.getByText('You sign in with staff number 100 and your PIN.')).toBeVisible();
  await expect(page.getByText('100', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Go to the rooms' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Maternity, 3rd floor' })).toBeVisible();
  await expect(tile(page, 'Rose room')).toContainText('Free');
  await expect(tile(page, 'Room 2')).toContainText('Free');

  // The new admin signs in with what was written down.
  await page.getByRole('button', { name: 'Staff', exact: true }).click();
  await signIn(page, '100', '1234');
  await expectScreen(page, 'Admin area');

  const admins = readDatabase(kiosk, (db) =>
    db.prepare("SELECT display_name FROM staff WHERE role = 'admin'").pluck().all(),
  );
  expect(admins).toEqual(['Alex Admin']);
  const settings = readDatabase(kiosk, (db) =>
    db.prepare("SELECT key, value FROM settings WHERE key IN ('defaultLanguage', 'nurseCall', 'phoneExtension')").all(),
  );
  expect(
    Object.fromEntries(settings.map((row) => [(row as { key: string }).key, (row as { value: string }).value])),
  ).toEqual({
    defaultLanguage: '"en"',
    nurseCall: '"extension"',
    phoneExtension: '"4417"',
  });
});

test('first-run setup in Spanish keeps Spanish: the board comes up in it, and again after a reload', async ({
  page,
}) => {
  // Choosing the kiosk's language switches setup to it at once.
  await page.getByRole('radio', { name: 'Español' }).check();
  await expect(stepTitle(page, 'El idioma del quiosco')).toBeVisible();
  await page.getByRole('button', { name: 'Siguiente' }).click();
  await expect(stepTitle(page, 'El quiosco y sus salas')).toBeVisible();
  await expect(page.getByText('Paso 2 de 5')).toBeVisible();
  await page.getByLabel('Nombre de este quiosco').fill('Maternidad');
  await page.getByLabel('Nombre de la sala 1').fill('Sala Rosa');
  await page.getByRole('button', { name: 'Siguiente' }).click();
  await page.getByRole('radio', { name: /^El botón de llamada junto al sillón/ }).check();
  await page.getByRole('button', { name: 'Siguiente' }).click();
  await page.getByLabel('Nombre del administrador').fill('Ana');
  await page.getByRole('button', { name: 'Siguiente' }).click();
  await pressKeys(page, '12', 'Teclas numéricas');
  await page.getByRole('button', { name: 'Siguiente' }).click();
  await expect(page.getByRole('alert')).toHaveText('La clave tiene de 4 a 8 dígitos.');
  await pressKeys(page, '3456', 'Teclas numéricas');
  await page.getByRole('button', { name: 'Siguiente' }).click();
  await pressKeys(page, '123456', 'Teclas numéricas');
  await page.getByRole('button', { name: 'Terminar la configuración' }).click();
  await expect(page.getByText('Para entrar, use el número de personal 100 y su clave.')).toBeVisible();
  await page.getByRole('button', { name: 'Ir a las salas' }).click();
  await expect(tile(page, 'Sala Rosa')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await page.reload();
  await expect(tile(page, 'Sala Rosa')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
});

for (const language of ['en', 'es'] as const) {
  for (const theme of ['day', 'night'] as const) {
    test(`every setup step is accessible in ${language}, ${theme}`, async ({ page }) => {
      test.setTimeout(60_000);
      const es = language === 'es';
      const shoot = async (name: string) => {
        const folder = process.env.SCREENSHOT_DIR;
        if (folder) await page.screenshot({ path: `${folder}/${name}-${language}-${theme}.png` });
      };
      await expect(stepTitle(page, 'The kiosk’s language')).toBeFocused();
      await page.getByRole('radio', { name: es ? 'Español' : 'English' }).check();
      await pinTheme(page, theme, es ? 'Modo nocturno' : 'Night mode');
      await expectNoSeriousA11yViolations(page, `setup language ${language} ${theme}`);
      await shoot('setup-language');
      await page.getByRole('button', { name: es ? 'Siguiente' : 'Next' }).click();
      await page.getByRole('button', { name: es ? 'Agregar una sala' : 'Add a room' }).click();
      await page.getByRole('button', { name: es ? 'Siguiente' : 'Next' }).click();
      await page.getByRole('radio', { name: es ? /^Una llamada/ : /^A phone call/ }).check();
      await page.getByRole('button', { name: es ? 'Siguiente' : 'Next' }).click();
      await expectNoSeriousA11yViolations(page, `setup nurse call ${language} ${theme}`);
      await shoot('setup-call');
      await page.getByRole('radio', { name: es ? /^El botón de llamada/ : /^The call button/ }).check();
      await page.getByRole('button', { name: es ? 'Siguiente' : 'Next' }).click();
      await page.getByLabel(es ? 'Nombre del administrador' : 'Administrator’s name').fill('Alex');
      await page.getByRole('button', { name: es ? 'Atrás' : 'Back' }).click();
      await page.getByRole('button', { name: es ? 'Atrás' : 'Back' }).click();
      await page.getByLabel(es ? 'Nombre de la sala 2' : 'Name of room 2').fill('');
      await page.getByRole('button', { name: es ? 'Siguiente' : 'Next' }).click();
      // With an error showing, too.
      await expect(page.getByLabel(es ? 'Nombre de la sala 2' : 'Name of room 2')).toHaveAttribute(
        'aria-invalid',
        'true',
      );
      await expectNoSeriousA11yViolations(page, `setup rooms ${language} ${theme}`);
      await shoot('setup-rooms');
      await page.getByLabel(es ? 'Nombre de la sala 2' : 'Name of room 2').fill('B');
      await page.getByRole('button', { name: es ? 'Siguiente' : 'Next' }).click();
      await page.getByRole('button', { name: es ? 'Siguiente' : 'Next' }).click();
      await expectNoSeriousA11yViolations(page, `setup admin ${language} ${theme}`);
      await page.getByRole('button', { name: es ? 'Siguiente' : 'Next' }).click();
      await pressKeys(page, '4321', es ? 'Teclas numéricas' : 'Number keys');
      await expectNoSeriousA11yViolations(page, `setup PIN ${language} ${theme}`);
      await shoot('setup-pin');
      await page.getByRole('button', { name: es ? 'Siguiente' : 'Next' }).click();
      await pressKeys(page, '4321', es ? 'Teclas numéricas' : 'Number keys');
      await page.getByRole('button', { name: es ? 'Terminar la configuración' : 'Finish setup' }).click();
      await expect(page.getByRole('heading', { level: 3, name: es ? 'Anótelo' : 'Write this down' })).toBeVisible();
      await expectNoSeriousA11yViolations(page, `setup done ${language} ${theme}`);
      await shoot('setup-done');
    });
  }
}
