import { describe, expect, it } from 'vitest';
import { isValidTimeZone, SETTINGS_DEFAULTS, settingsFields, systemTimeZone } from '../../../shared/settings';

describe('the time zone and retention settings', () => {
  it('accepts IANA names, stored in their canonical spelling', () => {
    expect(settingsFields.timeZone.parse('America/New_York')).toBe('America/New_York');
    expect(settingsFields.timeZone.parse('america/new_york')).toBe('America/New_York');
    expect(settingsFields.timeZone.parse('UTC')).toBe('UTC');
    expect(settingsFields.timeZone.parse('Asia/Kathmandu')).toBe('Asia/Kathmandu');
    expect(settingsFields.timeZone.parse('Asia/Kolkata')).toBe('Asia/Kolkata');
  });

  it('refuses anything Intl does not know', () => {
    for (const name of ['Mars/Olympus_Mons', '', 'America/New York', '+05:00', '../x', 'x'.repeat(65)]) {
      expect(isValidTimeZone(name), name).toBe(false);
      expect(settingsFields.timeZone.safeParse(name).success, name).toBe(false);
    }
  });

  it('defaults to the machine’s zone, and keeps everything unless retention is set to 1–120 months', () => {
    expect(SETTINGS_DEFAULTS.timeZone).toBe(systemTimeZone());
    expect(isValidTimeZone(SETTINGS_DEFAULTS.timeZone)).toBe(true);
    expect(SETTINGS_DEFAULTS.retentionMonths).toBeNull();
    expect(settingsFields.retentionMonths.safeParse(null).success).toBe(true);
    expect(settingsFields.retentionMonths.safeParse(1).success).toBe(true);
    expect(settingsFields.retentionMonths.safeParse(120).success).toBe(true);
    expect(settingsFields.retentionMonths.safeParse(0).success).toBe(false);
    expect(settingsFields.retentionMonths.safeParse(121).success).toBe(false);
  });
});
