/**
 * Each fleet test file gets its own database on the run's cluster (fleet-database-on-cluster.ts).
 */
import { inject } from 'vitest';
import { createFleetDatabaseOn, type FleetTestDatabase } from './fleet-database-on-cluster';
import type { ClusterAddress } from './throwaway-cluster';

export type { FleetTestDatabase } from './fleet-database-on-cluster';

/** On the run's shared cluster, or on one a test file started for itself (to stop and restart it). */
export function createFleetTestDatabase(cluster: ClusterAddress = inject('fleetCluster')): Promise<FleetTestDatabase> {
  return createFleetDatabaseOn(cluster);
}
