/**
 * The hospital's fleet database for the e2e specs: a real throwaway PostgreSQL (no fake anywhere), set up and joined
 * the way IT does it, with the fleet command's own functions (`fleet migrate`, `fleet add-kiosk`, `fleet join`).
 */
import { runFleetCommand } from '../src/commands/fleet-command';
import type { ConnectionSettings } from '../src/main/fleet/central/connection-settings';
import { createFleetDatabaseOn, type FleetTestDatabase } from '../src/main/fleet/testing/fleet-database-on-cluster';
import { connectionFlags } from '../src/main/fleet/testing/connection-flags';
import { startThrowawayCluster, type ThrowawayCluster } from '../src/main/fleet/testing/throwaway-cluster';
import { commandStreams } from '../src/main/core/testing/command-streams';

export interface FleetCentre {
  cluster: ThrowawayCluster;
  superuser: ConnectionSettings;
  /** `fleet add-kiosk`: registers a kiosk and answers the enrolment string it printed. */
  addKiosk(name: string, unit: string): Promise<string>;
  /** `fleet join` on a kiosk's data folder, the enrolment string on standard input; it uploads the backlog at once. */
  join(dataFolder: string, enrolment: string): Promise<void>;
  stop(): Promise<void>;
}

async function fleet(argv: string[], stdin: string, env: NodeJS.ProcessEnv): Promise<string> {
  const streams = commandStreams(stdin);
  const code = await runFleetCommand(argv, { ...streams, env });
  if (code !== 0) throw new Error(`fleet ${argv[0]} exited ${code}: ${streams.output.err}${streams.output.out}`);
  return streams.output.out;
}

/**
 * Starts PostgreSQL (a clear error naming what to install when its server programs are missing), makes the fleet's
 * database and owner role as a DBA would, and applies the schema with `fleet migrate`.
 */
export async function startFleetCentre(): Promise<FleetCentre> {
  const cluster = await startThrowawayCluster();
  let database: FleetTestDatabase | undefined;
  try {
    database = await createFleetDatabaseOn(cluster);
    const owner = database.owner;
    const asOwner = { PGPASSWORD: owner.password };
    await fleet(['migrate', ...connectionFlags(owner)], '', asOwner);
    const made = database;
    return {
      cluster,
      superuser: made.superuser,
      async addKiosk(name, unit) {
        const printed = await fleet(
          ['add-kiosk', '--name', name, '--unit', unit, ...connectionFlags(owner)],
          '',
          asOwner,
        );
        return printed.trim().split('\n').at(-1)!;
      },
      async join(dataFolder, enrolment) {
        await fleet(['join', '--data-dir', dataFolder], `${enrolment}\n`, {});
      },
      async stop() {
        await made.drop().catch(() => undefined);
        cluster.stop();
      },
    };
  } catch (error) {
    await database?.drop().catch(() => undefined);
    cluster.stop();
    throw error;
  }
}
