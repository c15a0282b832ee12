import type { Database } from 'better-sqlite3';
import { KioskError } from '../errors';
import { MIGRATIONS } from './migrations';
import type { Migration } from './migrations/migration';

export function latestSchemaVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.at(-1)?.version ?? 0;
}

/** Versions must be 1, 2, 3…: a gap or a repeat is a programming error caught before any data is touched. */
export function assertMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration "${migration.name}" has version ${migration.version}; expected ${index + 1}. Versions must increase by one.`,
      );
    }
  });
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to the latest schema. All pending steps run in one transaction, so a failure leaves the file
 * exactly as it was. A database written by a newer kiosk is refused rather than guessed at.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  assertMigrationOrder(migrations);
  const from = schemaVersion(db);
  const to = latestSchemaVersion(migrations);
  if (from > to) {
    throw new KioskError(
      'storage-unavailable',
      `This database has schema version ${from}, but this kiosk only knows up to version ${to}. ` +
        'It was written by a newer version of the kiosk: install that version, or restore an older backup.',
    );
  }
  if (from === to) return { from, to };
  const pending = migrations.filter((migration) => migration.version > from);
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
  return { from, to };
}
