import type { CentralConnection } from './central-connection';
import { fleetRoles } from './fleet-roles';

/** Thrown when the connected role may not read every kiosk's rows (a kiosk's own credentials, say). */
export class NotAReporterError extends Error {}

/**
 * Refuses a role that is neither in the fleet's reporting group nor the owner: row-level security would otherwise
 * quietly show a kiosk's credentials only that kiosk's rows, and the export would look complete when it is not.
 */
export async function assertReporter(sql: CentralConnection): Promise<void> {
  const [row] = await sql.query<{ user: string; reporting: string; allowed: boolean }>(
    `SELECT current_user AS user, $1::text AS reporting,
       pg_has_role(current_user, $1::text, 'MEMBER')
         OR pg_has_role(current_user, (SELECT nspowner FROM pg_namespace WHERE nspname = 'fleet'), 'MEMBER') AS allowed`,
    [fleetRoles((await sql.query<{ db: string }>('SELECT current_database() AS db'))[0]!.db).reporting],
  );
  if (!row?.allowed) {
    throw new NotAReporterError(
      `The role ${row?.user ?? '?'} may not read every kiosk's rows, so the fleet export is refused. ` +
        `Use a login role in the reporting group ${row?.reporting ?? ''} (fleet add-reporter), not a kiosk's credentials.`,
    );
  }
}
