import type { ApiMethodName } from '../../../shared/api-methods';
import type { ApiResults, ParsedInput } from '../../../shared/contract';
import type { KioskStatus } from '../../../shared/domain';
import type { Clock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { countActiveAdmins } from '../repositories/staff-repository';
import { roomBoard } from '../services/room-board';
import type { RoomSessions } from '../services/room-sessions';
import { loadSettings } from '../services/settings-service';
import type { StaffAuth } from '../services/staff-auth';

export interface HandlerContext {
  db: KioskDatabase;
  clock: Clock;
  staffAuth: StaffAuth;
  roomSessions: RoomSessions;
}

/** One function per contract method; each receives input already validated by the method's schema. */
export type HandlerTable = {
  [M in ApiMethodName]: (input: ParsedInput<M>) => ApiResults[M] | Promise<ApiResults[M]>;
};

/**
 * The one handler table. The Electron IPC shell and the loopback bridge both call exactly this, through dispatch.
 */
export function createHandlers({ db, clock, staffAuth, roomSessions }: HandlerContext): HandlerTable {
  return {
    getKioskStatus(): KioskStatus {
      const settings = loadSettings(db);
      return {
        kioskName: settings.kioskName,
        setupRequired: countActiveAdmins(db) === 0,
        languages: settings.languages,
        defaultLanguage: settings.defaultLanguage,
        now: clock.now(),
      };
    },

    listRooms: () => roomBoard(db),

    signIn: ({ staffNumber, pin }) => staffAuth.signIn(staffNumber, pin),

    signOut({ staffToken }) {
      staffAuth.signOut(staffToken);
      return { signedOut: true };
    },

    startSession({ staffToken, roomId, kind, language }) {
      const staff = staffAuth.require(staffToken);
      const started = roomSessions.start({ roomId, kind, language, startedBy: staff.staffId });
      // The screen now belongs to the parent: the nurse's sign-in ends with the hand-over.
      staffAuth.signOut(staffToken);
      return started;
    },

    recordSessionEvent({ sessionId, type, detail }) {
      roomSessions.recordEvent(sessionId, type, detail);
      return { recorded: true };
    },

    endSession(input) {
      if (input.reason === 'completed') return roomSessions.end(input.sessionId, 'completed', null);
      const staff = staffAuth.require(input.staffToken);
      return roomSessions.end(input.sessionId, 'staff-ended', staff.staffId);
    },
  };
}
