import type { Page } from '@playwright/test';
import type { ApiMethodName } from '../src/shared/api-methods';

type KioskGlobal = { kiosk?: Record<string, (input?: unknown) => Promise<unknown>> };

/** Calls `window.kiosk[method]` inside the page, the way the renderer does. */
export function callKiosk(page: Page, method: ApiMethodName, input?: unknown): Promise<unknown> {
  return page.evaluate(([name, value]) => (globalThis as unknown as KioskGlobal).kiosk![name]!(value), [
    method,
    input,
  ] as const);
}

/** The names `window.kiosk` offers, sorted. */
export function kioskMethodNames(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys((globalThis as unknown as KioskGlobal).kiosk ?? {}).sort());
}

/**
 * Reads a timer's safety advice as a parent does: scrolls the notes with the mouse wheel until their end has been on
 * screen, which is what lets the confirm button be pressed where the advice does not fit.
 */
export async function readSafetyAdvice(page: Page): Promise<void> {
  const notes = page.locator('.safety .notes');
  await notes.hover();
  for (let turn = 0; turn < 20; turn += 1) {
    const left = await notes.evaluate((box) => box.scrollHeight - box.clientHeight - box.scrollTop);
    if (left <= 2) return;
    await page.mouse.wheel(0, 400);
  }
  throw new Error('the safety advice never reached its end when scrolled');
}
