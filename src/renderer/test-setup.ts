/**
 * Setup for renderer tests (jsdom): one fixed time zone so "14:05" means the same on every machine, every language's
 * messages loaded (so a test can switch language and render at once), a patient wait for what appears later, and a
 * clean slate after each test (unmounted components, default language and theme, no window.kiosk). The loading itself
 * is tested in lib/i18n.
 */
import { cleanup, configure } from '@testing-library/svelte';
import { afterEach, vi } from 'vitest';
import { LANGUAGES } from '../shared/domain';
import { catalogs } from './lib/i18n/catalogs';
import { locale } from './lib/i18n/locale.svelte';
import { kioskClock } from './lib/kiosk-clock.svelte';
import { storageAlert } from './lib/storage-alert.svelte';
import { theme } from './lib/theme.svelte';

vi.stubEnv('TZ', 'UTC');
// findBy*/waitFor wait 1 s by default; a screen's first render on a loaded 2-core machine can take longer. Waiting
// longer changes only how long a failing test takes to fail.
configure({ asyncUtilTimeout: 5_000 });
await Promise.all(LANGUAGES.map((language) => catalogs.load(language)));

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  locale.reset();
  theme.reset();
  kioskClock.reset();
  Reflect.deleteProperty(window, 'kiosk');
  // The hub remembered for a reload, and the storage notice, never leak into the next test.
  sessionStorage.clear();
  storageAlert.reset();
  document.documentElement.removeAttribute('lang');
  document.documentElement.removeAttribute('data-theme');
});
