/**
 * One sentence for the status screen and the log about why delivery did not reach the centre, from postgres.js errors
 * (SQLSTATE codes) and Node's network errors. The kiosk keeps working in every case; the sentence says what IT can do.
 */
export function describeDeliveryError(error: unknown, server: string): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case '28P01':
    case '28000':
      return `The fleet database at ${server} refused this kiosk's credentials (${message}): ask IT for a new enrolment string, then fleet leave and fleet join.`;
    case '42501':
      return `The fleet database at ${server} refused a write as not this kiosk's to make (${message}).`;
    case '3D000':
      return `The fleet database at ${server} does not exist (${message}).`;
    case '57P01':
    case '57P02':
    case '57P03':
      return `The fleet database at ${server} is shutting down or starting up (${message}); delivery will try again.`;
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
    case 'CONNECT_TIMEOUT':
    case 'CONNECTION_CLOSED':
    case 'CONNECTION_ENDED':
    case 'CONNECTION_DESTROYED':
      return `The fleet database at ${server} cannot be reached (${message}); delivery will try again.`;
    default:
      return `Delivery to the fleet database at ${server} failed: ${message}`;
  }
}
