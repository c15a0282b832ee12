/**
 * Who may call each method: part of the contract, enforced once by core's dispatch before any handler runs.
 *
 * - public: anyone at the screen (the parent, a passer-by): the board, the parent's hub and timers, sign-in itself.
 * - staff: a signed-in nurse or admin; the input carries `staffToken`.
 * - admin: a signed-in admin; the input carries `staffToken`.
 *
 * A method whose level depends on its input declares a function of the validated input: a parent ends their own
 * session with "I'm done", a nurse ends it with her sign-in.
 */
import type { ApiMethodName } from './api-methods';

export const ACCESS_LEVELS = ['public', 'staff', 'admin'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export const METHOD_ACCESS = {
  getKioskStatus: 'public',
  listRooms: 'public',
  getRemoteRooms: 'public',
  completeSetup: 'public',
  // Any screen can fail, before any sign-in; what it may send is short text, rate-limited, and only logged.
  reportProblem: 'public',
  signIn: 'public',
  signInWithBadge: 'public',
  // Signing out a sign-in that has already lapsed is not an error: the token is simply forgotten.
  signOut: 'public',
  keepSignedIn: 'staff',
  startSession: 'staff',
  endSession: (input: { reason: string }) => (input.reason === 'completed' ? 'public' : 'staff'),
  markRoomCleaned: 'staff',
  recordSessionEvent: 'public',
  getContent: 'public',
  getIllustrations: 'public',
  listTimers: 'public',
  startTimer: 'public',
  pauseTimer: 'public',
  resumeTimer: 'public',
  addMinute: 'public',
  cancelTimer: 'public',
  acknowledgeTimer: 'public',
  switchSide: 'public',
  listStaff: 'admin',
  addStaff: 'admin',
  updateStaff: 'admin',
  resetStaffPin: 'admin',
  setStaffBadge: 'admin',
  listAllRooms: 'admin',
  addRoom: 'admin',
  renameRoom: 'admin',
  reorderRooms: 'admin',
  setRoomActive: 'admin',
  getSettings: 'admin',
  updateSettings: 'admin',
  getCentreSettings: 'admin',
  getContentProblems: 'admin',
  getUsageReport: 'admin',
  getUsageHistory: 'admin',
  exportUsage: 'admin',
  getUsageExportProgress: 'admin',
  cancelUsageExport: 'admin',
  saveReportPdf: 'admin',
  getFleetReport: 'admin',
  exportFleetUsage: 'admin',
  dismissStorageAlert: 'admin',
  // A parent calls from the room; any screen shows the unit's open calls (a room's name, never a person).
  raiseHelpCall: 'public',
  getHelpCall: 'public',
  listUnitHelpCalls: 'public',
  answerUnitHelpCall: 'staff',
} as const satisfies Record<ApiMethodName, AccessLevel | ((input: never) => AccessLevel)>;

export type MethodAccess = typeof METHOD_ACCESS;

/** The level a call needs, given its validated input. */
export function accessFor(method: ApiMethodName, input: unknown): AccessLevel {
  const declared: AccessLevel | ((input: never) => AccessLevel) = METHOD_ACCESS[method];
  return typeof declared === 'function' ? (declared as (input: unknown) => AccessLevel)(input) : declared;
}
