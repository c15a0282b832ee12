import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import type { StorageAlert } from '../../shared/domain';
import { locale } from '../lib/i18n/locale.svelte';
import { STORAGE_ALERT_REFRESH_MS, storageAlert } from '../lib/storage-alert.svelte';
import { fails, kioskStatus, ok, stubKiosk } from '../testing/stub-kiosk';
import StorageAlertBanner from './StorageAlertBanner.svelte';

const TOKEN = 'a'.repeat(43);
const RECOVERED: StorageAlert = {
  kind: 'recovered-from-backup',
  at: Date.UTC(2026, 2, 3, 7, 15),
  backupTakenAt: Date.UTC(2026, 2, 1, 6, 5),
  detail: 'kiosk.db was damaged (SQLITE_NOTADB) and was moved to damaged/kiosk-….db.',
};
const STARTED_EMPTY: StorageAlert = { ...RECOVERED, kind: 'started-empty', backupTakenAt: null };
const DISK_FULL: StorageAlert = { kind: 'disk-full', at: RECOVERED.at, backupTakenAt: null, detail: 'SQLITE_FULL' };

function stubStatus(alert: StorageAlert | null) {
  return stubKiosk({ getKioskStatus: () => ok(kioskStatus({ storageAlert: alert })) });
}

async function settle(): Promise<void> {
  if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(0);
  await tick();
}

describe('StorageAlertBanner', () => {
  it('shows nothing when main reports no alert', async () => {
    stubStatus(null);
    const { container } = render(StorageAlertBanner, { place: 'board' });
    await settle();
    expect(container.textContent?.trim()).toBe('');
  });

  it('says in plain words that the data was restored from the backup of a date, and never the technical detail', async () => {
    stubStatus(RECOVERED);
    render(StorageAlertBanner, { place: 'board' });
    expect(
      await screen.findByText(
        'The kiosk’s data file was damaged and has been restored from the backup of March 1, 2026 at 06:05. Sessions after that time may be missing. The damaged file was kept for IT.',
      ),
    ).toBeTruthy();
    expect(screen.getByText('Notice for staff')).toBeTruthy();
    expect(screen.getByText('An administrator can dismiss this notice in the admin area.')).toBeTruthy();
    expect(document.body.textContent).not.toContain('SQLITE');
    // The board has no sign-in: nothing to press.
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('speaks Spanish, formally', async () => {
    stubStatus(STARTED_EMPTY);
    locale.set('es');
    render(StorageAlertBanner, { place: 'board' });
    expect(await screen.findByText(/^El archivo de datos del quiosco estaba dañado y no se encontró/)).toBeTruthy();
    expect(screen.getByText('Aviso para el personal')).toBeTruthy();
  });

  it('says that the kiosk cannot save, more prominently, and that it clears itself', async () => {
    stubStatus(DISK_FULL);
    const { container } = render(StorageAlertBanner, { place: 'admin', staffToken: TOKEN });
    expect(
      await screen.findByText('The kiosk cannot save. New sessions will not be recorded. Please call IT.'),
    ).toBeTruthy();
    expect(container.querySelector('.storage-alert.severe')).toBeTruthy();
    expect(screen.getByText('This notice goes away by itself once the kiosk can save again.')).toBeTruthy();
    // Not the admin's to dismiss: it goes when saving works again.
    expect(screen.queryByRole('button', { name: 'Dismiss this notice' })).toBeNull();
  });

  it('lets an admin dismiss a recovery notice, through main, and it is gone everywhere', async () => {
    const api = stubStatus(RECOVERED);
    api.dismissStorageAlert.mockImplementation(() => ok({ storageAlert: null }));
    render(StorageAlertBanner, { place: 'admin', staffToken: TOKEN });
    await fireEvent.click(await screen.findByRole('button', { name: 'Dismiss this notice' }));
    await settle();
    expect(api.dismissStorageAlert).toHaveBeenCalledWith({ staffToken: TOKEN });
    expect(screen.queryByText(/restored from the backup/)).toBeNull();
    expect(storageAlert.current).toBeNull();
  });

  it('hands a lapsed sign-in back, and shows other failures in words', async () => {
    const api = stubStatus(RECOVERED);
    const onsigninended = vi.fn();
    api.dismissStorageAlert.mockImplementation(() => fails('unauthorized'));
    render(StorageAlertBanner, { place: 'admin', staffToken: TOKEN, onsigninended });
    await fireEvent.click(await screen.findByRole('button', { name: 'Dismiss this notice' }));
    await settle();
    expect(onsigninended).toHaveBeenCalledOnce();

    api.dismissStorageAlert.mockImplementation(() => fails('storage-unavailable'));
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss this notice' }));
    await settle();
    expect(screen.getByRole('status').textContent).toMatch(/save/i);
    expect(screen.getByText(/restored from the backup/)).toBeTruthy();
  });

  it('asks main again every half minute: a save failure appears and clears without a reload', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const api = stubStatus(null);
    render(StorageAlertBanner, { place: 'board' });
    await settle();
    expect(screen.queryByText(/cannot save/)).toBeNull();

    api.getKioskStatus.mockImplementation(() => ok(kioskStatus({ storageAlert: DISK_FULL })));
    await vi.advanceTimersByTimeAsync(STORAGE_ALERT_REFRESH_MS);
    await settle();
    expect(screen.getByText(/The kiosk cannot save/)).toBeTruthy();

    api.getKioskStatus.mockImplementation(() => ok(kioskStatus({ storageAlert: null })));
    await vi.advanceTimersByTimeAsync(STORAGE_ALERT_REFRESH_MS);
    await settle();
    expect(screen.queryByText(/cannot save/)).toBeNull();
  });

  it('in a fleet, says calmly since when changes have not reached the hospital’s database, beside a storage notice, and clears itself', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const late = { since: Date.UTC(2026, 2, 3, 7, 15), lastDeliveredAt: null };
    const api = stubKiosk({
      getKioskStatus: () => ok(kioskStatus({ storageAlert: RECOVERED, fleetDeliveryLate: late })),
    });
    render(StorageAlertBanner, { place: 'board' });
    await settle();
    expect(
      screen.getByText(
        'Changes since March 3, 2026 at 07:15 have not reached the hospital’s database yet. The kiosk keeps working and keeps everything; it sends them as soon as it can.',
      ),
    ).toBeTruthy();
    expect(screen.getByText(/Please tell IT/)).toBeTruthy();
    expect(screen.getByText(/restored from the backup/)).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();

    api.getKioskStatus.mockImplementation(() => ok(kioskStatus({ storageAlert: RECOVERED, fleetDeliveryLate: null })));
    await vi.advanceTimersByTimeAsync(STORAGE_ALERT_REFRESH_MS);
    await settle();
    expect(screen.queryByText(/have not reached/)).toBeNull();
    expect(screen.getByText(/restored from the backup/)).toBeTruthy();
  });

  it('says it in Spanish too', async () => {
    stubKiosk({
      getKioskStatus: () =>
        ok(kioskStatus({ fleetDeliveryLate: { since: Date.UTC(2026, 2, 3, 7, 15), lastDeliveredAt: 1 } })),
    });
    locale.set('es');
    render(StorageAlertBanner, { place: 'admin' });
    expect(
      await screen.findByText(/^Los cambios desde el 3 de marzo de 2026 a las 7:15 todavía no han llegado/),
    ).toBeTruthy();
  });
});
