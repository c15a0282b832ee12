import { errorCode, errorMessage, isNetworkFailure, SERVER_AWAY_CODES } from './centre-errors';

/**
 * One sentence for the status screen and the log about why delivery did not reach the centre, from PostgreSQL's errors
 * (SQLSTATE codes, as node-postgres passes them on) and Node's network errors. The kiosk keeps working in every case;
 * the sentence says what IT can do. `retry` names what happens next for a passing fault (delivery's by default; the
 * content puller looks again later rather than delivering).
 */
export function describeDeliveryError(error: unknown, server: string, retry = 'delivery will try again'): string {
  const message = errorMessage(error);
  if (isNetworkFailure(error)) {
    return `The fleet database at ${server} cannot be reached (${message}); ${retry}.`;
  }
  const code = errorCode(error);
  if (code !== undefined && SERVER_AWAY_CODES.has(code)) {
    return `The fleet database at ${server} is shutting down or starting up (${message}); ${retry}.`;
  }
  switch (code) {
    case '28P01':
    case '28000':
      return `The fleet database at ${server} refused this kiosk's credentials (${message}): ask IT for a new enrolment string, then fleet leave and fleet join.`;
    case '42501':
      return `The fleet database at ${server} refused a write as not this kiosk's to make (${message}).`;
    case '3D000':
      return `The fleet database at ${server} does not exist (${message}).`;
    default:
      return `Delivery to the fleet database at ${server} failed: ${message}`;
  }
}
