import pg from 'pg';
import type { FleetRoles } from './migrations/central-migration';

/**
 * Role names are cluster-wide while the fleet lives in one database, so every name the fleet creates starts with the
 * database's name: two fleets on one cluster (a test and a production database) never share a role.
 */
export function fleetRolePrefix(database: string): string {
  const cleaned = database
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 40);
  return /^[a-z_]/.test(cleaned) ? cleaned : `f_${cleaned}`;
}

export function fleetRoles(database: string): FleetRoles {
  const prefix = fleetRolePrefix(database);
  return { kiosk: `${prefix}_kiosk`, reporting: `${prefix}_reporting`, publisher: `${prefix}_publisher` };
}

/** A new kiosk's login role, which is also its kiosk id in every fleet table. */
export function kioskRoleName(database: string, randomHex: string): string {
  return `${fleetRolePrefix(database)}_k_${randomHex}`;
}

/**
 * A quoted SQL identifier, for the statements that take no bind parameters (CREATE ROLE, GRANT). Role names come from
 * our own alphabet, but quoting keeps that from mattering; node-postgres's escapeIdentifier doubles every quote.
 */
export function quoteIdentifier(name: string): string {
  return pg.escapeIdentifier(name);
}
