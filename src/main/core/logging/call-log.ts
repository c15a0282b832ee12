import type { ApiMethodName } from '../../../shared/api-methods';
import type { ApiError } from '../../../shared/errors';
import type { KioskLogger } from './kiosk-logger';

/**
 * Calls IT may need to trace at the default level: sign-ins, a room's session starting and ending, and every change
 * staff make. A parent's taps (guides, timers) and reads are written only at debug.
 */
const NOTABLE: ReadonlySet<ApiMethodName> = new Set<ApiMethodName>([
  'completeSetup',
  'signIn',
  'signInWithBadge',
  'startSession',
  'endSession',
  'markRoomCleaned',
  'addStaff',
  'updateStaff',
  'resetStaffPin',
  'setStaffBadge',
  'addRoom',
  'renameRoom',
  'reorderRooms',
  'setRoomActive',
  'updateSettings',
  'exportUsage',
  'cancelUsageExport',
  'saveReportPdf',
  'exportFleetUsage',
  'dismissStorageAlert',
  'raiseHelpCall',
  'answerUnitHelpCall',
]);

/**
 * The staff number a call acted as: the signed-in caller's, or for a sign-in the number typed (or the badge's owner
 * once known), so a lockout names the number someone is trying.
 */
export function staffNumberOf(input: unknown, value?: unknown): string | undefined {
  for (const candidate of [value, input]) {
    const number = (candidate as { staffNumber?: unknown } | null | undefined)?.staffNumber;
    if (typeof number === 'string') return number;
  }
  return undefined;
}

/** Public calls that still name a staff number: the one being signed in to. */
export const SIGN_IN_METHODS: ReadonlySet<ApiMethodName> = new Set<ApiMethodName>(['signIn', 'signInWithBadge']);

export interface CallOutcome {
  method: ApiMethodName;
  /** The staff number of the signed-in caller, when the method needs one. Never a PIN, badge or token. */
  staffNumber?: string;
  error?: ApiError;
  elapsedMs: number;
}

/**
 * One line per call: the method, who (staff number) and the outcome's code, never the input. `internal` and storage
 * failures are logged as errors where they are caught; a lockout is a warning, since it may be someone guessing.
 */
export function logCall(logger: KioskLogger, { method, staffNumber, error, elapsedMs }: CallOutcome): void {
  const who = staffNumber ? ` ${SIGN_IN_METHODS.has(method) ? 'for' : 'by'} staff ${staffNumber}` : '';
  const outcome = error ? `refused: ${error.code}` : 'ok';
  const line = `${method}${who} ${outcome} (${Math.round(elapsedMs)} ms)`;
  if (error?.code === 'locked-out') logger.warn?.(line);
  else if (error?.code === 'internal' || error?.code === 'storage-unavailable') logger.debug?.(line);
  else if (NOTABLE.has(method)) logger.info?.(line);
  else logger.debug?.(line);
}
