import type { UnitHelpCall } from '../../../shared/domain';
import type { KioskDatabase } from '../../core/db/open-database';
import {
  listUnansweredDeliveredCalls,
  markHelpCallDelivered,
  readHelpCallOutbox,
} from '../../core/repositories/help-calls-repository';
import type { CentralConnection } from '../central/central-connection';
import { readAnsweredOwnCalls, readOpenUnitCalls, sendHelpCall } from '../central/help-calls';

/** What delivery tells the kiosk's help calls service (core's HelpCalls) about the centre's calls. */
export interface HelpCallLink {
  /** One of this kiosk's calls was answered on another kiosk: kept and audited once. */
  noteAnsweredElsewhere(callId: number, at: number, staffNumber: string, byKiosk: string | null): boolean;
  /** The unit's open calls from the other kiosks, as just read. */
  setUnitCalls(calls: UnitHelpCall[]): void;
}

const PUSH_BATCH = 20;

/**
 * Sends this kiosk's queued calls, each committed on its own (one call never waits on another's failure), oldest first,
 * and keeps the centre's time of receipt with each. waited_ms is the system clock's time since the call was queued,
 * so the centre can tell a late call whatever the two clocks say. Answers how many were sent.
 */
export async function pushHelpCalls(sql: CentralConnection, db: KioskDatabase, isClosed: () => boolean) {
  const calls = readHelpCallOutbox(db, PUSH_BATCH);
  for (const call of calls) {
    const { receivedAt } = await sendHelpCall(sql, {
      localId: call.localId,
      room: call.roomName,
      raisedAt: call.raisedAt,
      screen: call.screen,
      waitedMs: Date.now() - call.queuedAt,
    });
    // Closed while waiting (shutting down): the database may be closed; sent again next time, changing nothing.
    if (isClosed()) return 0;
    markHelpCallDelivered(db, call.outboxId, call.localId, receivedAt);
  }
  return calls.length;
}

/** Reads the unit's open calls, and the answers to this kiosk's own calls given on other kiosks. */
export async function pullHelpCalls(
  sql: CentralConnection,
  db: KioskDatabase,
  link: HelpCallLink,
  isClosed: () => boolean,
): Promise<void> {
  const open = await readOpenUnitCalls(sql);
  const answered = await readAnsweredOwnCalls(sql, listUnansweredDeliveredCalls(db));
  if (isClosed()) return;
  link.setUnitCalls(open);
  for (const answer of answered) {
    link.noteAnsweredElsewhere(answer.localId, answer.acknowledgedAt, answer.acknowledgedBy, answer.byKiosk);
  }
}
