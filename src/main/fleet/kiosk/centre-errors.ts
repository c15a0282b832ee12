/**
 * How the kiosk tells "the centre cannot be reached now" (try later, keep working) from everything else, for delivery
 * and for the Reports tab alike, so the two never disagree about the same failure.
 */

/** Node's errors for a network that refuses, resets, cannot route or resolve, or goes quiet. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
]);

/**
 * node-postgres's own errors for a connection that never opened, died or went quiet carry no code, only these
 * messages ("Query read timeout" is its client-side statement timeout on a stalled network).
 */
const LOST_CONNECTION =
  /^(Connection terminated|timeout expired|Query read timeout|Client has encountered a connection error)/;

/** PostgreSQL shutting down, crashing or starting up (SQLSTATE 57P01-57P03): it will answer again. */
export const SERVER_AWAY_CODES = new Set(['57P01', '57P02', '57P03']);

export function errorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The network between kiosk and centre failed (not PostgreSQL answering with a refusal). */
export function isNetworkFailure(error: unknown): boolean {
  const code = errorCode(error);
  if (code !== undefined) return NETWORK_CODES.has(code);
  return LOST_CONNECTION.test(errorMessage(error));
}

/** PostgreSQL's own SQLSTATE (five characters), as opposed to Node's or the client's codes. */
export function isSqlState(code: string | undefined): code is string {
  return code !== undefined && /^[0-9A-Z]{5}$/.test(code);
}

/**
 * The centre cannot answer now, and the kiosk should say so and let staff try again: the network failed, the server
 * is going away or starting, or it cancelled the statement at its timeout (57014: too busy or too slow to answer).
 */
export function isCentreUnavailableNow(error: unknown): boolean {
  const code = errorCode(error);
  return isNetworkFailure(error) || (code !== undefined && (SERVER_AWAY_CODES.has(code) || code === '57014'));
}
