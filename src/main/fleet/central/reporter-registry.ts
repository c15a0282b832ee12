import { randomBytes } from 'node:crypto';
import type { CentralConnection } from './central-connection';
import { fleetRolePrefix, fleetRoles, quoteIdentifier } from './fleet-roles';
import { scramVerifier } from './scram-verifier';

/** A reporter's name: short, lower case, safe in a role name. */
export const REPORTER_NAME_RULE = /^[a-z][a-z0-9_]{0,19}$/;

/**
 * Makes a login role in the fleet's reporting group (reads every kiosk's rows, writes none), for IT's exports and
 * reports. The password is random, shown once by the caller; the server receives only its SCRAM verifier. Run by
 * the owner role.
 */
export async function addReporter(sql: CentralConnection, name: string): Promise<{ role: string; password: string }> {
  if (!REPORTER_NAME_RULE.test(name)) throw new Error('A reporter name is 1 to 20 of a-z, 0-9 and _, starting a-z.');
  const password = randomBytes(24).toString('base64url');
  return sql.transaction(async (tx) => {
    const [{ database }] = (await tx.query<{ database: string }>('SELECT current_database() AS database')) as [
      { database: string },
    ];
    const role = `${fleetRolePrefix(database)}_r_${name}`;
    if ((await tx.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).length > 0) {
      throw new Error(`The reporter role ${role} already exists: choose another name.`);
    }
    // The verifier is base64 and '$:' only, so it is safe between quotes; DDL takes no bind parameters.
    await tx.query(
      `CREATE ROLE ${quoteIdentifier(role)} LOGIN CONNECTION LIMIT 4 PASSWORD '${scramVerifier(password)}' ` +
        `IN ROLE ${quoteIdentifier(fleetRoles(database).reporting)}`,
    );
    return { role, password };
  });
}
