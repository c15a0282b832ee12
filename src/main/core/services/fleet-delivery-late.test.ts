/** The late-delivery notice: from the outbox's oldest queued change and the setting, read through getKioskStatus. */
import { expect } from 'vitest';
import type { KioskStatus } from '../../../shared/domain';
import { insertAuditEntry } from '../repositories/audit-log-repository';
import {
  insertFleetLink,
  markOutboxDelivered,
  readOutboxBatch,
  readDeliveryLag,
} from '../repositories/fleet-outbox-repository';
import { coreTest as it } from '../testing/temp-database';
import { fleetDeliveryLate } from './fleet-delivery-late';
import { loadSettings, saveSettings } from './settings-service';

const HOUR = 3_600_000;
const T = Date.UTC(2026, 11, 6, 9);

it('is late only when a change has waited longer than the setting, not when the kiosk has nothing to send', () => {
  expect(fleetDeliveryLate(undefined, T, 60)).toBeNull();
  expect(fleetDeliveryLate({ oldestQueuedAt: null, lastDeliveredAt: T - 48 * HOUR }, T, 60)).toBeNull();
  expect(fleetDeliveryLate({ oldestQueuedAt: T - HOUR, lastDeliveredAt: null }, T, 60)).toBeNull();
  expect(fleetDeliveryLate({ oldestQueuedAt: T - HOUR - 1, lastDeliveredAt: null }, T, 60)).toEqual({
    since: T - HOUR - 1,
    lastDeliveredAt: null,
  });
  expect(fleetDeliveryLate({ oldestQueuedAt: T - 10 * 60_000 - 1, lastDeliveredAt: 5 }, T, 10)).toEqual({
    since: T - 10 * 60_000 - 1,
    lastDeliveredAt: 5,
  });
});

it('warns after an hour by default; an admin may choose 5 minutes to a week, and nothing else', ({ core }) => {
  expect(loadSettings(core.db).fleetWarningAfterMinutes).toBe(60);
  saveSettings(core.db, { fleetWarningAfterMinutes: 15 });
  for (const bad of [4, 7 * 24 * 60 + 1, 12.5]) {
    expect(() => saveSettings(core.db, { fleetWarningAfterMinutes: bad })).toThrow();
  }
  expect(loadSettings(core.db).fleetWarningAfterMinutes).toBe(15);
});

it('reads the oldest undelivered change from the outbox, and getKioskStatus reports it until it is delivered', async ({
  core,
  clock,
}) => {
  const late = async () => {
    const status = await core.dispatch('getKioskStatus', {});
    if (!status.ok) throw new Error(status.error.message);
    return (status.value as KioskStatus).fleetDeliveryLate;
  };
  // In no fleet: nothing is queued, nothing is late.
  insertAuditEntry(core.db, { at: clock.now(), staffId: null, action: 'settings-changed' });
  expect(readDeliveryLag(core.db)).toBeUndefined();
  expect(await late()).toBeNull();

  const before = Date.now();
  insertFleetLink(core.db, { kioskId: 'k', kioskName: '4 West', unit: null, server: 's', joinedAt: clock.now() });
  insertAuditEntry(core.db, { at: clock.now(), staffId: null, action: 'settings-changed' });
  const lag = readDeliveryLag(core.db)!;
  expect(lag.oldestQueuedAt).toBeGreaterThanOrEqual(before);
  expect(lag.lastDeliveredAt).toBeNull();
  // Just queued: not late under the shortest setting either.
  saveSettings(core.db, { fleetWarningAfterMinutes: 5 });
  expect(await late()).toBeNull();

  // The queue times are the system clock's: make the oldest change older than the setting.
  core.db
    .prepare('UPDATE fleet_outbox SET queued_at = queued_at - ? WHERE id = (SELECT min(id) FROM fleet_outbox)')
    .run(6 * 60_000);
  expect(await late()).toEqual({ since: lag.oldestQueuedAt! - 6 * 60_000, lastDeliveredAt: null });

  const batch = readOutboxBatch(core.db, 1000);
  markOutboxDelivered(core.db, batch.lastId, batch.entries, clock.now());
  expect(await late()).toBeNull();
});
