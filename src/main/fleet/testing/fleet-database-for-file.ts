/**
 * The fleet database of one test file: made before its tests, migrated unless told otherwise, and dropped after them.
 */
import { afterAll, beforeAll } from 'vitest';
import { migrateCentral } from '../central/central-migrate';
import { openCentral } from '../central/connection-settings';
import { createFleetTestDatabase, type FleetTestDatabase } from './fleet-test-database';
import type { ClusterAddress } from './throwaway-cluster';

export type FleetDatabase = Pick<FleetTestDatabase, 'owner' | 'superuser'>;

/**
 * Registers the file's beforeAll and afterAll. On the run's shared cluster, or on the one `cluster` answers (a cluster
 * the file started in an earlier beforeAll; its afterAll, registered first, then runs after the drop).
 */
export function fleetDatabaseForFile(
  options: { migrated?: boolean; cluster?: () => ClusterAddress } = {},
): FleetDatabase {
  let made: FleetTestDatabase | undefined;
  beforeAll(async () => {
    made = await createFleetTestDatabase(options.cluster?.());
    if (options.migrated === false) return;
    const sql = openCentral(made.owner);
    try {
      await migrateCentral(sql);
    } finally {
      await sql.end();
    }
  });
  afterAll(() => made?.drop());
  const database = (): FleetTestDatabase => {
    if (!made) throw new Error('The fleet database is made in beforeAll: use it in a test or a later hook.');
    return made;
  };
  return {
    get owner() {
      return database().owner;
    },
    get superuser() {
      return database().superuser;
    },
  };
}
