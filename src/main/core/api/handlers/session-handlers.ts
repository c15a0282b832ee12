import type { FeatureHandlers, HandlerContext } from '../handler-types';

/** Starting and ending a room's session, and what the parent used during it. */
export function sessionHandlers({
  staffAuth,
  roomSessions,
}: HandlerContext): FeatureHandlers<'startSession' | 'endSession' | 'recordSessionEvent'> {
  return {
    startSession({ staffToken, roomId, kind, language }, { staff }) {
      const started = roomSessions.start({ roomId, kind, language, startedBy: staff.staffId });
      // The screen now belongs to the parent: the nurse's sign-in ends with the hand-over.
      staffAuth.signOut(staffToken);
      return started;
    },

    endSession({ sessionId, reason }, { staff }) {
      return roomSessions.end(sessionId, reason, reason === 'staff-ended' && staff ? staff.staffId : null);
    },

    recordSessionEvent({ sessionId, type, detail }) {
      roomSessions.recordEvent(sessionId, type, detail);
      return { recorded: true };
    },
  };
}
