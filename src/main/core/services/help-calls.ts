import type { HelpCallScreen, HelpCallView, UnitHelpCall } from '../../../shared/domain';
import type { Clock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { KioskError } from '../errors';
import { insertAuditEntry } from '../repositories/audit-log-repository';
import {
  findHelpCall,
  insertHelpCall,
  markHelpCallAcknowledged,
  type HelpCallRow,
} from '../repositories/help-calls-repository';
import { getRoom } from '../repositories/rooms-repository';
import { findSessionByUuid } from '../repositories/sessions-repository';

/**
 * The unit's open calls from the other kiosks, and answering one: held by the fleet layer above core (the centre's
 * connection), attached once the kiosk's fleet work starts. Without a fleet there are none.
 */
export interface UnitHelpCallSource {
  list(): UnitHelpCall[];
  /** Records the answer at the centre; answers its time there. Throws when the centre cannot be reached. */
  acknowledge(call: { kioskId: string; localId: number }, staffNumber: string): Promise<number>;
}

const toView = (row: HelpCallRow): HelpCallView => ({
  callId: row.id,
  roomName: row.roomName,
  raisedAt: row.raisedAt,
  toldAt: row.centreReceivedAt,
  answeredAt: row.acknowledgedAt,
});

/**
 * "Call a nurse" on the parent's help screen: the call is recorded (and, in a fleet, queued for the centre by a
 * trigger) in one local transaction, so it never waits on the network; listeners (the fleet's delivery) are told at
 * once so it jumps the queue. Other kiosks' calls are read from the attached source and answered with a nurse's
 * sign-in. Every call and answer is audited.
 */
export class HelpCalls {
  readonly #db: KioskDatabase;
  readonly #clock: Clock;
  readonly #raisedListeners = new Set<() => void>();
  #unit: UnitHelpCallSource | null = null;

  constructor(db: KioskDatabase, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  /** `sessionId`: the parent's session, whose room the call names. */
  raise(sessionId: string, screen: HelpCallScreen): HelpCallView {
    const view = this.#db.transaction(() => {
      const session = findSessionByUuid(this.#db, sessionId);
      if (!session) throw new KioskError('not-found', 'No such session.');
      const room = getRoom(this.#db, session.roomId)!;
      const raisedAt = this.#clock.now();
      const callId = insertHelpCall(this.#db, { roomId: room.id, roomName: room.name, raisedAt, screen });
      insertAuditEntry(this.#db, {
        at: raisedAt,
        staffId: null,
        action: 'help-call-raised',
        detail: { callId, roomId: room.id, room: room.name, screen },
      });
      return toView(findHelpCall(this.#db, callId)!);
    })();
    for (const listener of this.#raisedListeners) listener();
    return view;
  }

  status(callId: number): HelpCallView {
    const row = findHelpCall(this.#db, callId);
    if (!row) throw new KioskError('not-found', 'No such help call.');
    return toView(row);
  }

  /** Called after each call is recorded; answers a function that stops the calls. */
  onRaised(listener: () => void): () => void {
    this.#raisedListeners.add(listener);
    return () => this.#raisedListeners.delete(listener);
  }

  /** A nurse answered one of this kiosk's calls on another kiosk (learnt from the centre): kept and audited once. */
  noteAnsweredElsewhere(callId: number, at: number, staffNumber: string, byKiosk: string | null): boolean {
    return this.#db.transaction(() => {
      if (!markHelpCallAcknowledged(this.#db, callId, at, staffNumber)) return false;
      insertAuditEntry(this.#db, {
        at: this.#clock.now(),
        staffId: null,
        action: 'help-call-answered',
        detail: { callId, answeredAt: at, staffNumber, ...(byKiosk ? { kioskId: byKiosk } : {}) },
      });
      return true;
    })();
  }

  attachUnitSource(source: UnitHelpCallSource | null): void {
    this.#unit = source;
  }

  listUnitCalls(): UnitHelpCall[] {
    return this.#unit?.list() ?? [];
  }

  /** A nurse signed in here answers another kiosk's call: recorded at the centre first, then audited here. */
  async answerUnitCall(
    call: { kioskId: string; localId: number },
    staff: { staffId: number; staffNumber: string },
  ): Promise<{ answeredAt: number }> {
    if (!this.#unit) throw new KioskError('conflict', 'This kiosk is not in a fleet: there are no calls to answer.');
    const known = this.#unit.list().find((open) => open.kioskId === call.kioskId && open.localId === call.localId);
    const answeredAt = await this.#unit.acknowledge(call, staff.staffNumber);
    insertAuditEntry(this.#db, {
      at: this.#clock.now(),
      staffId: staff.staffId,
      action: 'help-call-answered',
      detail: { kioskId: call.kioskId, localId: call.localId, answeredAt, ...(known ? { room: known.roomName } : {}) },
    });
    return { answeredAt };
  }
}
