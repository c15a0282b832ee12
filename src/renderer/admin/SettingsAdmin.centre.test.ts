import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { CentreSettingsView } from '../../shared/centre-settings';
import { SETTINGS_DEFAULTS } from '../../shared/settings';
import { ok, stubKiosk } from '../testing/stub-kiosk';
import SettingsAdmin from './SettingsAdmin.svelte';

const settings = { ...SETTINGS_DEFAULTS, timeZone: 'UTC', autoCloseAfterMinutes: 150 };

function stubSettings(centre: CentreSettingsView | null) {
  const kiosk = stubKiosk({
    getSettings: () => ok(settings),
    getCentreSettings: () => ok(centre),
  });
  kiosk.updateSettings.mockImplementation((input) => ok({ ...settings, ...input.changes }));
  return kiosk;
}

const renderSettings = () => render(SettingsAdmin, { staffToken: 'token', onsigninended: vi.fn(), onsaved: vi.fn() });

describe('settings the hospital publishes for every kiosk', () => {
  it('are read-only here, under a note naming who published them and when', async () => {
    const kiosk = stubSettings({
      sources: [
        { unit: null, version: 3, publishedBy: 'lactation_team', publishedAt: '2026-12-06T10:00:00.000Z' },
        { unit: '4 West', version: 5, publishedBy: 'ward_lead', publishedAt: '2026-12-06T11:00:00.000Z' },
      ],
      keys: { autoCloseAfterMinutes: 0, nightSchedule: 1, badgeNeedsPin: 0 },
    });
    renderSettings();
    const note = await screen.findByRole('region', { name: 'Settings from the hospital' });
    expect(note.textContent).toMatch(/Whole hospital: version 3, published by lactation_team on /);
    expect(note.textContent).toMatch(/Unit 4 West: version 5, published by ward_lead on /);

    expect(screen.getByLabelText<HTMLInputElement>('Close a forgotten session after (minutes)').disabled).toBe(true);
    expect(screen.getByLabelText<HTMLInputElement>('Night starts at').disabled).toBe(true);
    expect(screen.getByLabelText<HTMLInputElement>('Night ends at').disabled).toBe(true);
    expect(screen.getByLabelText<HTMLInputElement>('A badge still asks for the PIN').disabled).toBe(true);
    expect(screen.getAllByText('Set by the hospital.').length).toBeGreaterThanOrEqual(3);
    // The kiosk's own settings stay editable, and saving sends only them.
    const name = screen.getByLabelText<HTMLInputElement>('Name of this kiosk');
    expect(name.disabled).toBe(false);
    expect(
      screen.getByLabelText<HTMLInputElement>('Sign staff out after this many seconds without a touch').disabled,
    ).toBe(false);
    await fireEvent.input(name, { target: { value: 'Room 4' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(kiosk.updateSettings).toHaveBeenCalledWith({ staffToken: 'token', changes: { kioskName: 'Room 4' } });
  });

  it('leave every field editable and say nothing when the hospital decides none', async () => {
    stubSettings(null);
    renderSettings();
    const field = await screen.findByLabelText<HTMLInputElement>('Close a forgotten session after (minutes)');
    expect(field.disabled).toBe(false);
    expect(screen.queryByRole('region', { name: 'Settings from the hospital' })).toBeNull();
    expect(screen.queryByText('Set by the hospital.')).toBeNull();
  });
});
