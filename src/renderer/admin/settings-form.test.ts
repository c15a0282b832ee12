import { describe, expect, it } from 'vitest';
import { SETTINGS_DEFAULTS } from '../../shared/settings';
import { en } from '../lib/i18n/messages-en';
import { es } from '../lib/i18n/messages-es';
import { checkSettings, clockTimeFrom, formFromSettings, LIMITS } from './settings-form';

const saved = { ...SETTINGS_DEFAULTS, languages: ['es', 'en'] as ('en' | 'es')[] };

describe('the settings form', () => {
  it('sends only what changed (listing the same languages in another order is no change)', () => {
    const form = formFromSettings(saved);
    expect(checkSettings(form, saved, en)).toEqual({ changes: {}, errors: {} });

    form.signOutAfterSeconds = ' 60 ';
    form.fleetWarningAfterMinutes = '30';
    form.helpTextEs = 'Pulse el botón rojo.';
    form.cleaningStepEnabled = false;
    expect(checkSettings(form, saved, en)).toEqual({
      changes: {
        signOutAfterSeconds: 60,
        fleetWarningAfterMinutes: 30,
        cleaningStepEnabled: false,
        helpText: { en: SETTINGS_DEFAULTS.helpText.en, es: 'Pulse el botón rojo.' },
      },
      errors: {},
    });
  });

  it('explains each problem next to its field, with the core’s own limits', () => {
    expect(LIMITS.signOut).toEqual({ min: 30, max: 1800 });
    expect(LIMITS.autoClose).toEqual({ min: 30, max: 1440 });
    expect(LIMITS.fleetWarning).toEqual({ min: 5, max: 10_080 });
    const form = {
      ...formFromSettings(saved),
      kioskName: '  ',
      autoCloseAfterMinutes: '29',
      signOutAfterSeconds: '2.5',
      fleetWarningAfterMinutes: '4',
      phoneExtension: 'ext 12',
      helpTextEn: 'x'.repeat(301),
      languages: [],
    };
    const { errors } = checkSettings(form, saved, en);
    expect(errors).toEqual({
      kioskName: 'Please fill this in.',
      autoCloseAfterMinutes: 'A whole number from 30 to 1440.',
      signOutAfterSeconds: 'A whole number from 30 to 1800.',
      fleetWarningAfterMinutes: 'A whole number from 5 to 10080.',
      phoneExtension: 'Use digits, spaces, #, *, + and - only, at most 16.',
      helpTextEn: 'Please use at most 300 characters.',
      languages: 'Offer at least one language.',
    });
    expect(checkSettings(form, saved, es).errors.autoCloseAfterMinutes).toBe('Un número entero de 30 a 1440.');
  });

  it('refuses a starting language that is not offered', () => {
    const form = { ...formFromSettings(saved), languages: ['en' as const], defaultLanguage: 'es' as const };
    const { changes, errors } = checkSettings(form, saved, en);
    expect(errors).toEqual({ defaultLanguage: 'The starting language must be one of the languages offered.' });
    expect(changes.languages).toBeUndefined();
  });

  it('reads the night hours as typed on the digit keypad, and refuses a night of no length', () => {
    expect(['2100', '21:00', '700', '7:00', ' 0630 '].map(clockTimeFrom)).toEqual([
      '21:00',
      '21:00',
      '07:00',
      '07:00',
      '06:30',
    ]);
    const form = { ...formFromSettings(saved), nightStart: '2230', nightEnd: '615' };
    expect(checkSettings(form, saved, en)).toEqual({
      changes: { nightSchedule: { start: '22:30', end: '06:15' } },
      errors: {},
    });
    const bad = checkSettings({ ...form, nightStart: '2460', nightEnd: 'dawn' }, saved, en);
    expect(bad.errors).toEqual({
      nightStart: 'A time like 21:00 (on the keypad: 2100).',
      nightEnd: 'A time like 21:00 (on the keypad: 2100).',
    });
    expect(bad.changes.nightSchedule).toBeUndefined();
    expect(checkSettings({ ...form, nightEnd: '22:30' }, saved, es).errors).toEqual({
      nightEnd: 'La noche debe empezar y terminar a horas distintas.',
    });
  });

  it('asks for the extension before parents are told to call it, and turns the badge PIN off', () => {
    const form = { ...formFromSettings(saved), nurseCall: 'extension' as const, badgeNeedsPin: false };
    expect(checkSettings(form, saved, en).errors).toEqual({
      nurseCall: 'Type the extension above, or choose the call button.',
    });
    expect(checkSettings({ ...form, phoneExtension: '4410' }, saved, en)).toEqual({
      changes: { phoneExtension: '4410', nurseCall: 'extension', badgeNeedsPin: false },
      errors: {},
    });
  });
});
