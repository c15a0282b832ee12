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
