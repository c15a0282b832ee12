/** Day or night on the system clock, whatever the real hour. */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export type Theme = 'day' | 'night';

/**
 * Shows the kiosk in `theme` at any real hour: the night-mode toggle's choice holds until a reload, so it is pressed
 * once, and again if that left the other theme; the time of day cannot change the theme after that.
 */
export async function pinTheme(page: Page, theme: Theme, toggleName = 'Night mode'): Promise<void> {
  const toggle = page.getByRole('button', { name: toggleName, exact: true });
  await toggle.click();
  if ((await toggle.getAttribute('aria-pressed')) !== String(theme === 'night')) await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}
