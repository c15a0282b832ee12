/**
 * node-postgres's own errors for a connection that closed or never opened carry no code, only these messages
 * ("Connection terminated unexpectedly", "timeout expired", "… is not queryable").
 */
const LOST_CONNECTION = /^(Connection terminated|timeout expired|Client has encountered a connection error)/;

/**
 * One sentence for the status screen and the log about why delivery did not reach the centre, from PostgreSQL's errors
 * (SQLSTATE codes, as node-postgres passes them on) and Node's network errors. The kiosk keeps working in every case;
 * the sentence says what IT can do.
 */
export function describeDeliveryError(error: unknown, server: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const code =
    typeof error === 'object' && error !== null
      ? ((error as { code?: unknown }).code ?? (LOST_CONNECTION.test(message) ? 'CONNECTION_LOST' : undefined))
      : undefined;
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
    case 'CONNECTION_LOST':
      return `The fleet database at ${server} cannot be reached (${message}); delivery will try again.`;
    default:
      return `Delivery to the fleet database at ${server} failed: ${message}`;
  }
}
