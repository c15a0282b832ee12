/**
 * A fleet database on a throwaway cluster, with an owner role made as a DBA would (LOGIN, CREATEROLE, owner of the
 * database), so tests in parallel never see each other's kiosks or roles. Free of vitest, so the Playwright specs
 * use it too; the vitest files reach it through fleet-test-database.ts.
 */
import { randomBytes } from 'node:crypto';
import { openCentral, type ConnectionSettings } from '../central/connection-settings';
import type { ClusterAddress } from './throwaway-cluster';
import { fleetRolePrefix, quoteIdentifier } from '../central/fleet-roles';

export interface FleetTestDatabase {
  owner: ConnectionSettings;
  superuser: ConnectionSettings;
  /** Drops the database and every role made for it. */
  drop(): Promise<void>;
}

export async function createFleetDatabaseOn(cluster: ClusterAddress): Promise<FleetTestDatabase> {
  const database = `fleet_t_${randomBytes(4).toString('hex')}`;
  const ownerRole = `${fleetRolePrefix(database)}_owner`;
  const ownerPassword = randomBytes(18).toString('base64url');
  const base = { host: cluster.host, port: cluster.port, tls: 'disable' as const };
  const superuser = { ...base, database: 'postgres', user: cluster.user, password: cluster.password };
  const admin = openCentral(superuser);
  try {
    // The password is base64url, safe between quotes; CREATE ROLE takes no bind parameters.
    await admin.query(`CREATE ROLE ${quoteIdentifier(ownerRole)} LOGIN CREATEROLE PASSWORD '${ownerPassword}'`);
    await admin.query(`CREATE DATABASE ${quoteIdentifier(database)} OWNER ${quoteIdentifier(ownerRole)}`);
  } finally {
    await admin.end();
  }
  return {
    owner: { ...base, database, user: ownerRole, password: ownerPassword },
    superuser: { ...superuser, database },
    async drop() {
      const sql = openCentral(superuser);
      try {
        await sql.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(database)} WITH (FORCE)`);
        const roles = await sql.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname LIKE $1', [
          `${fleetRolePrefix(database)}\\_%`,
        ]);
        for (const { rolname } of roles) await sql.query(`DROP ROLE IF EXISTS ${quoteIdentifier(rolname)}`);
      } finally {
        await sql.end();
      }
    },
  };
}
