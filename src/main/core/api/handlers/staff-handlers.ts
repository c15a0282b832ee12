import type { FeatureHandlers, HandlerContext } from '../handler-types';

type StaffMethods =
  | 'signIn'
  | 'signInWithBadge'
  | 'signOut'
  | 'keepSignedIn'
  | 'listStaff'
  | 'addStaff'
  | 'updateStaff'
  | 'resetStaffPin'
  | 'setStaffBadge';

/** Signing in and out at the keypad, and the admin's staff list. */
export function staffHandlers({ staffAuth, staffAdmin }: HandlerContext): FeatureHandlers<StaffMethods> {
  return {
    signIn: ({ staffNumber, pin }) => staffAuth.signIn(staffNumber, pin),
    signInWithBadge: ({ badge, pin }) => staffAuth.signInWithBadge(badge, pin),

    signOut({ staffToken }) {
      staffAuth.signOut(staffToken);
      return { signedOut: true };
    },

    keepSignedIn: ({ staffToken }) => ({ expiresAt: staffAuth.keepAlive(staffToken) }),

    listStaff: () => staffAdmin.list(),
    addStaff: ({ staffToken: _token, ...request }, { staff }) => staffAdmin.add(request, staff.staffId),
    updateStaff: ({ staffToken: _token, staffId, ...change }, { staff }) =>
      staffAdmin.update(staffId, change, staff.staffId),
    resetStaffPin: ({ staffId, pin }, { staff }) => staffAdmin.resetPin(staffId, pin, staff.staffId),
    setStaffBadge: ({ staffId, badge }, { staff }) => staffAdmin.setBadge(staffId, badge, staff.staffId),
  };
}
