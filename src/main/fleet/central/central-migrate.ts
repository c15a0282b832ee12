import type postgres from 'postgres';
import { fleetRoles, quoteIdentifier } from './fleet-roles';
import type { CentralMigration } from './migrations/central-migration';
import { CENTRAL_MIGRATIONS } from './migrations';

/** Any two `fleet migrate` runs at once (two IT staff, two hosts) take turns on this lock rather than race. */
const MIGRATE_LOCK = 'lactation-room-kiosk fleet migrate';

export function assertCentralMigrationOrder(migrations: readonly CentralMigration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Central migration "${migration.name}" has version ${migration.version}; expected ${index + 1}.`);
    }
  });
}

/**
 * Creates or upgrades the central schema, run by the fleet's owner role (the database's owner, with CREATEROLE).
 * All pending steps, the group roles and the version rows commit together or not at all. A schema newer than this
 * program is refused rather than guessed at.
 */
export async function migrateCentral(
  sql: postgres.Sql,
  migrations: readonly CentralMigration[] = CENTRAL_MIGRATIONS,
): Promise<{ from: number; to: number; database: string }> {
  assertCentralMigrationOrder(migrations);
  const to = migrations.at(-1)?.version ?? 0;
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(hashtext(${MIGRATE_LOCK}))`;
    const [{ database }] = (await tx`SELECT current_database() AS database`) as unknown as [{ database: string }];
    await tx`CREATE SCHEMA IF NOT EXISTS fleet`;
    await tx`CREATE TABLE IF NOT EXISTS fleet.schema_migrations (
               version integer PRIMARY KEY,
               name text NOT NULL,
               applied_at timestamptz NOT NULL DEFAULT now(),
               applied_by text NOT NULL DEFAULT current_user)`;
    const [{ from }] =
      (await tx`SELECT coalesce(max(version), 0)::int AS from FROM fleet.schema_migrations`) as unknown as [
        { from: number },
      ];
    if (from > to) {
      throw new Error(
        `The fleet database has schema version ${from}, but this program knows only up to version ${to}: ` +
          'it was upgraded by a newer version. Use that version.',
      );
    }
    const roles = fleetRoles(database);
    for (const role of [roles.kiosk, roles.reporting]) {
      const found = await tx`SELECT 1 FROM pg_roles WHERE rolname = ${role}`;
      if (found.length === 0) await tx.unsafe(`CREATE ROLE ${quoteIdentifier(role)} NOLOGIN`);
    }
    const quoted = { kiosk: quoteIdentifier(roles.kiosk), reporting: quoteIdentifier(roles.reporting) };
    // Only the fleet's roles (and the owner) may even connect to this database.
    await tx.unsafe(`REVOKE CONNECT ON DATABASE ${quoteIdentifier(database)} FROM PUBLIC`);
    await tx.unsafe(`GRANT CONNECT ON DATABASE ${quoteIdentifier(database)} TO ${quoted.kiosk}, ${quoted.reporting}`);
    for (const migration of migrations.filter((step) => step.version > from)) {
      for (const statement of migration.statements(quoted)) await tx.unsafe(statement);
      await tx`INSERT INTO fleet.schema_migrations (version, name) VALUES (${migration.version}, ${migration.name})`;
    }
    return { from, to, database };
  });
}
