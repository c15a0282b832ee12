import { z } from 'zod';
import type { Clock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { insertAuditEntry } from '../repositories/audit-log-repository';
import { readKioskState, writeKioskState } from '../repositories/kiosk-state-repository';
import { deleteSessions, listSessionsEndedBefore } from '../repositories/retention-queries';
import { loadSettings } from '../services/settings-service';

const DAY = 86_400_000;
const STATE_KEY = 'retentionPurge';
const stateSchema = z.object({ lastRunAt: z.number(), complete: z.boolean() });

/** The same moment `months` calendar months earlier (UTC), the day clamped to the shorter month (31 Mar → 28 Feb). */
export function monthsBefore(instant: number, months: number): number {
  const date = new Date(instant);
  const target = new Date(instant);
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target.getTime();
}

export interface PurgeResult {
  cutoff: number;
  sessions: number;
  events: number;
  timers: number;
  /** False when the batch limit stopped it with more to delete (the next run goes on). */
  complete: boolean;
}

/**
 * Deletes sessions that ended more than `months` months ago, with their events and timers, in batches of one
 * transaction each (the kiosk keeps answering between batches). Audited once per run that deleted anything.
 */
export function purgeEndedSessions(
  db: KioskDatabase,
  clock: Clock,
  months: number,
  limits: { batchSize?: number; maxBatches?: number } = {},
): PurgeResult {
  const batchSize = limits.batchSize ?? 2_000;
  const maxBatches = limits.maxBatches ?? 25;
  const cutoff = monthsBefore(clock.now(), months);
  const total = { sessions: 0, events: 0, timers: 0 };
  let complete = false;
  for (let batch = 0; batch < maxBatches; batch++) {
    const deleted = db
      .transaction(() => {
        const ids = listSessionsEndedBefore(db, cutoff, batchSize);
        return ids.length === 0 ? null : deleteSessions(db, ids);
      })
      .immediate();
    if (!deleted) {
      complete = true;
      break;
    }
    total.sessions += deleted.sessions;
    total.events += deleted.events;
    total.timers += deleted.timers;
    if (deleted.sessions < batchSize) {
      complete = true;
      break;
    }
  }
  if (total.sessions > 0) {
    insertAuditEntry(db, {
      at: clock.now(),
      staffId: null,
      action: 'retention-purge',
      detail: { months, cutoff: new Date(cutoff).toISOString(), ...total, complete },
    });
  }
  return { cutoff, ...total, complete };
}

/**
 * The daily retention run, for housekeeping (every minute): runs when retention is on and a day has passed since the
 * last complete run, or straight away while an earlier run still has a backlog. Answers null when not due.
 */
export function purgeIfDue(db: KioskDatabase, clock: Clock): PurgeResult | null {
  const { retentionMonths } = loadSettings(db);
  if (retentionMonths === null) return null;
  const parsed = stateSchema.safeParse(readKioskState(db, STATE_KEY));
  const now = clock.now();
  if (parsed.success && parsed.data.complete && now - parsed.data.lastRunAt < DAY && now >= parsed.data.lastRunAt) {
    return null;
  }
  const result = purgeEndedSessions(db, clock, retentionMonths);
  writeKioskState(db, STATE_KEY, { lastRunAt: now, complete: result.complete });
  return result;
}
