/**
 * vitest globalSetup of the `fleet` project: one throwaway PostgreSQL cluster for every fleet test file in the run
 * (initdb costs seconds; a database per test file costs a fraction of one). Vitest runs it only when a fleet test
 * file is selected, and removes the cluster when the run ends.
 */
import type { TestProject } from 'vitest/node';
import { startThrowawayCluster, type ClusterAddress } from './throwaway-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    fleetCluster: ClusterAddress & { folder: string };
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const started = performance.now();
  const cluster = await startThrowawayCluster();
  console.log(
    `fleet tests: PostgreSQL started on 127.0.0.1:${cluster.port} in ${Math.round(performance.now() - started)} ms`,
  );
  project.provide('fleetCluster', {
    host: cluster.host,
    port: cluster.port,
    user: cluster.user,
    password: cluster.password,
    folder: cluster.folder,
  });
  return () => cluster.stop();
}
