import type { CentralConnection } from './central-connection';
import { fleetRoles, quoteIdentifier } from './fleet-roles';
import type { CentralMigration } from './migrations/central-migration';
import { CENTRAL_MIGRATIONS } from './migrations';

/** Any two `fleet migrate` runs at once (two IT staff, two hosts) take turns on this lock rather than race. */
const MIGRATE_LOCK = 'lactation-room-kiosk fleet migrate';

/** Versions are positive and strictly increasing; a gap is allowed (a step made beside it may fill it later). */
export function assertCentralMigrationOrder(migrations: readonly CentralMigration[]): void {
  migrations.forEach((migration, index) => {
    const previous = index === 0 ? 0 : migrations[index - 1]!.version;
    if (!Number.isInteger(migration.version) || migration.version <= previous) {
      throw new Error(
        `Central migration "${migration.name}" has version ${migration.version}; expected more than ${previous}.`,
      );
    }
  });
}

/**
 * Creates or upgrades the central schema, run by the fleet's owner role (the database's owner, with CREATEROLE).
 * All pending steps, the group roles and the version rows commit together or not at all. A schema newer than this
 * program is refused rather than guessed at.
 */
export async function migrateCentral(
  sql: CentralConnection,
  migrations: readonly CentralMigration[] = CENTRAL_MIGRATIONS,
): Promise<{ from: number; to: number; database: string }> {
  assertCentralMigrationOrder(migrations);
  const to = migrations.at(-1)?.version ?? 0;
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [MIGRATE_LOCK]);
    const [{ database }] = (await tx.query<{ database: string }>('SELECT current_database() AS database')) as [
      { database: string },
    ];
    await tx.query('CREATE SCHEMA IF NOT EXISTS fleet');
    await tx.query(`CREATE TABLE IF NOT EXISTS fleet.schema_migrations (
               version integer PRIMARY KEY,
               name text NOT NULL,
               applied_at timestamptz NOT NULL DEFAULT now(),
               applied_by text NOT NULL DEFAULT current_user)`);
    const applied = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM fleet.schema_migrations')).map((row) => row.version),
    );
    const from = Math.max(0, ...applied);
    const known = new Set(migrations.map((step) => step.version));
    const unknown = [...applied].filter((version) => !known.has(version)).sort((a, b) => a - b);
    if (unknown.length > 0) {
      throw new Error(
        `The fleet database has schema version ${unknown.join(', ')}, but this program knows only ` +
          `${[...known].join(', ')} (up to version ${to}): it was upgraded by a newer version. Use that version.`,
      );
    }
    const roles = fleetRoles(database);
    for (const role of [roles.kiosk, roles.reporting, roles.publisher]) {
      const found = await tx.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      if (found.length === 0) await tx.query(`CREATE ROLE ${quoteIdentifier(role)} NOLOGIN`);
    }
    const quoted = {
      kiosk: quoteIdentifier(roles.kiosk),
      reporting: quoteIdentifier(roles.reporting),
      publisher: quoteIdentifier(roles.publisher),
    };
    // Only the fleet's roles (and the owner) may even connect to this database.
    await tx.query(`REVOKE CONNECT ON DATABASE ${quoteIdentifier(database)} FROM PUBLIC`);
    await tx.query(
      `GRANT CONNECT ON DATABASE ${quoteIdentifier(database)} TO ${quoted.kiosk}, ${quoted.reporting}, ${quoted.publisher}`,
    );
    for (const migration of migrations.filter((step) => !applied.has(step.version))) {
      for (const statement of migration.statements(quoted)) await tx.query(statement);
      await tx.query('INSERT INTO fleet.schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    }
    return { from, to, database };
  });
}
