import type { Clock } from '../../core/clock';
import type { KioskDatabase } from '../../core/db/open-database';
import {
  markStaffChangesAccepted,
  readStaffOutbox,
  readStaffPullCursor,
} from '../../core/repositories/fleet-staff-repository';
import { applyPulledStaffChanges } from '../../core/services/fleet-staff-directory';
import type { CentralConnection } from '../central/central-connection';
import { centreCarriesBadges, readStaffChangesSince, recordStaffChange } from '../central/staff-directory';

const PUSH_BATCH = 100;
/**
 * Changes applied per SQLite transaction. better-sqlite3 runs in the kiosk's main process, so a transaction holds it:
 * a first pull of a large directory is applied in steps, with the network's waits between them, never in one long
 * hold (measured on the loaded 2-core test machine: 450 staff in 164 ms in all; 1,000 in one transaction about 1 s).
 */
const PULL_BATCH = 200;

/**
 * Sends this kiosk's queued staff changes in one central transaction, oldest first, then drops them from the queue.
 * Each carries its queue id, so a batch sent again after a lost answer is recorded once. Answers how many were sent.
 */
export async function pushStaffChanges(sql: CentralConnection, db: KioskDatabase): Promise<number> {
  const changes = readStaffOutbox(db, PUSH_BATCH);
  if (changes.length === 0) return 0;
  const badges = await centreCarriesBadges(sql);
  const accepted = await sql.transaction(async (tx) => {
    const numbered = [];
    for (const change of changes) {
      const changeNo = await recordStaffChange(tx, { ...change, requestId: String(change.id) }, badges);
      numbered.push({ id: change.id, staffNumber: change.staffNumber, changeNo });
    }
    return numbered;
  });
  markStaffChangesAccepted(db, accepted);
  return changes.length;
}

/**
 * Fetches the directory's changes after the last one applied and applies each batch in one SQLite transaction. Only
 * the SQLite step touches the kiosk's database, briefly; the network wait happens before it.
 */
export async function pullStaffChanges(sql: CentralConnection, db: KioskDatabase, clock: Clock): Promise<number> {
  let applied = 0;
  const badges = await centreCarriesBadges(sql);
  for (;;) {
    const changes = await readStaffChangesSince(sql, readStaffPullCursor(db), PULL_BATCH, badges);
    if (changes.length === 0) return applied;
    applied += applyPulledStaffChanges(db, clock, changes).applied;
    if (changes.length < PULL_BATCH) return applied;
  }
}
