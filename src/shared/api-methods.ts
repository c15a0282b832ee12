/**
 * The names of the kiosk API, with no schema library attached.
 * The sandboxed preload imports only this file, so it must stay free of zod and of anything environment-specific.
 */
export const API_METHODS = [
  // Everyone
  'getKioskStatus',
  'listRooms',
  // The other kiosks' rooms of the unit, read-only, from the hospital's fleet database
  'getRemoteRooms',
  'completeSetup',
  // The screen tells main what went wrong in it, for the kiosk's log
  'reportProblem',
  // Staff at the keypad
  'signIn',
  'signInWithBadge',
  'signOut',
  'keepSignedIn',
  'startSession',
  'endSession',
  'markRoomCleaned',
  // The parent's session
  'recordSessionEvent',
  'getContent',
  'getIllustrations',
  // The parent's timers
  'listTimers',
  'startTimer',
  'pauseTimer',
  'resumeTimer',
  'addMinute',
  'cancelTimer',
  'acknowledgeTimer',
  'switchSide',
  // Admin area
  'listStaff',
  'addStaff',
  'updateStaff',
  'resetStaffPin',
  'setStaffBadge',
  'listAllRooms',
  'addRoom',
  'renameRoom',
  'reorderRooms',
  'setRoomActive',
  'getSettings',
  'updateSettings',
  // Which settings the fleet's centre decides on this kiosk, and who published them
  'getCentreSettings',
  'getContentProblems',
  // Reports and usage export
  'getUsageReport',
  'getUsageHistory',
  'exportUsage',
  'getUsageExportProgress',
  'cancelUsageExport',
  'saveReportPdf',
  // A fleet kiosk's unit and hospital figures, from the hospital's database
  'getFleetReport',
  // Every kiosk's sessions of the unit or hospital, with a reporting role typed for one export
  'exportFleetUsage',
  // Storage health: an admin dismisses a recovery notice.
  'dismissStorageAlert',
  // "Call a nurse" from the parent's help screen, and the unit's calls from other kiosks, answered by a nurse
  'raiseHelpCall',
  'getHelpCall',
  'listUnitHelpCalls',
  'answerUnitHelpCall',
] as const;

export type ApiMethodName = (typeof API_METHODS)[number];

/** The IPC channel a method travels on. One prefix, so the shell can refuse anything else. */
export const ipcChannel = (method: ApiMethodName): string => `kiosk:${method}`;

export function isApiMethodName(value: unknown): value is ApiMethodName {
  return typeof value === 'string' && (API_METHODS as readonly string[]).includes(value);
}
