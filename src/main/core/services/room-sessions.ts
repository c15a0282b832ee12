import { randomUUID } from 'node:crypto';
import type {
  EndedSession,
  EndReason,
  Language,
  SessionEventType,
  SessionKind,
  StartedSession,
} from '../../../shared/domain';
import type { Clock } from '../clock';
import { withoutFsync } from '../db/durability';
import type { KioskDatabase } from '../db/open-database';
import { KioskError } from '../errors';
import { getRoom, setRoomNeedsCleaning } from '../repositories/rooms-repository';
import { insertSessionEvent } from '../repositories/session-events-repository';
import {
  findSessionByUuid,
  insertSession,
  markSessionEnded,
  type SessionRow,
} from '../repositories/sessions-repository';

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Room sessions from start to end. Every write here is one transaction, durable on return (synchronous=FULL). */
export class RoomSessions {
  readonly #db: KioskDatabase;
  readonly #clock: Clock;
  readonly #cleaningStepEnabled: () => boolean;
  /** Runs inside the ending transaction (the session's running timers stop with it). */
  readonly #onEnding: (session: SessionRow, endedAt: number) => void;

  constructor(
    db: KioskDatabase,
    clock: Clock,
    cleaningStepEnabled: () => boolean,
    onEnding: (session: SessionRow, endedAt: number) => void = () => undefined,
  ) {
    this.#db = db;
    this.#clock = clock;
    this.#cleaningStepEnabled = cleaningStepEnabled;
    this.#onEnding = onEnding;
  }

  start(request: { roomId: number; kind: SessionKind; language: Language; startedBy: number }): StartedSession {
    const room = getRoom(this.#db, request.roomId);
    if (!room || !room.active) throw new KioskError('not-found', `There is no active room ${request.roomId}.`);
    if (room.needsCleaning) throw new KioskError('conflict', `${room.name} needs cleaning before the next session.`);
    const session = {
      uuid: randomUUID(),
      roomId: room.id,
      kind: request.kind,
      language: request.language,
      startedAt: this.#clock.now(),
      startedBy: request.startedBy,
    };
    try {
      insertSession(this.#db, session);
    } catch (error) {
      if (isUniqueViolation(error)) throw new KioskError('conflict', `${room.name} already has a session.`);
      throw error;
    }
    return {
      id: session.uuid,
      roomId: room.id,
      kind: session.kind,
      language: session.language,
      startedAt: session.startedAt,
    };
  }

  recordEvent(sessionUuid: string, type: SessionEventType, detail?: Record<string, string | number | boolean>): void {
    withoutFsync(this.#db, () => {
      const session = this.#openSession(sessionUuid);
      insertSessionEvent(this.#db, { sessionId: session.id, at: this.#clock.now(), type, detail });
    });
  }

  /** `at` lets the auto-close rule date the end to when the limit was reached; otherwise it is now. */
  end(sessionUuid: string, reason: EndReason, endedBy: number | null, at?: number): EndedSession {
    return this.#db
      .transaction(() => {
        const session = this.#openSession(sessionUuid);
        const endedAt = Math.max(at ?? this.#clock.now(), session.startedAt);
        markSessionEnded(this.#db, session.id, { endedAt, endedBy, endReason: reason });
        this.#onEnding(session, endedAt);
        if (this.#cleaningStepEnabled()) setRoomNeedsCleaning(this.#db, session.roomId, true);
        return { id: session.uuid, endedAt, endReason: reason };
      })
      .immediate();
  }

  #openSession(sessionUuid: string): SessionRow {
    const session = findSessionByUuid(this.#db, sessionUuid);
    if (!session) throw new KioskError('not-found', 'That session does not exist.');
    if (session.endedAt !== null) throw new KioskError('conflict', 'That session has already ended.');
    return session;
  }
}
