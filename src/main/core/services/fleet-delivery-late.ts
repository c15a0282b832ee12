import type { FleetDeliveryLate } from '../../../shared/domain';
import type { KioskDatabase } from '../db/open-database';
import { readDeliveryLag } from '../repositories/fleet-outbox-repository';

/**
 * Late, not merely quiet: a kiosk with nothing to send has nothing late, however long ago it last delivered. The
 * notice appears once the oldest change still in the outbox has waited longer than the setting, and goes when it
 * is delivered. `now` is the system clock, as the outbox's queue times are.
 */
export function fleetDeliveryLate(
  lag: { oldestQueuedAt: number | null; lastDeliveredAt: number | null } | undefined,
  now: number,
  afterMinutes: number,
): FleetDeliveryLate | null {
  if (!lag || lag.oldestQueuedAt === null) return null;
  if (now - lag.oldestQueuedAt <= afterMinutes * 60_000) return null;
  return { since: lag.oldestQueuedAt, lastDeliveredAt: lag.lastDeliveredAt };
}

export function readFleetDeliveryLate(db: KioskDatabase, now: number, afterMinutes: number): FleetDeliveryLate | null {
  return fleetDeliveryLate(readDeliveryLag(db), now, afterMinutes);
}
