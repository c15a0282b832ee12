import type { CentreSettingsView } from '../shared/centre-settings';
import { readCentreSettings } from '../main/core/services/centre-settings';
import { readFileSync } from 'node:fs';
import { openKioskCore } from '../main/core/kiosk-core';
import { readCredentials } from '../main/fleet/kiosk/fleet-credentials';
import { createDelivery } from '../main/fleet/kiosk/fleet-delivery';
import { describeDeliveryError } from '../main/fleet/kiosk/delivery-errors';
import { fleetStatus, FleetMembershipError, joinFleet, leaveFleet } from '../main/fleet/kiosk/fleet-membership';
import { checkKnownFlags, flag, UsageError } from './cli-args';
import { hasFlag, withoutSwitches } from './fleet-connection-flags';
import { existingDataFolder } from './kiosk-data-folder';
import { readSecret } from './read-pin';
import type { CommandIo } from './staff-command';

export const FLEET_KIOSK_USAGE = `On a kiosk (its data folder: --data-dir DIR or KIOSK_DATA_DIR):
  join [--ca FILE] [--allow-plaintext]   join the fleet named by an enrolment string from fleet add-kiosk (read from
                                         standard input, or asked on the terminal, never from the command line);
                                         checks it at the centre, then uploads this kiosk's history
  status                                 the fleet this kiosk belongs to, last delivery, backlog, lag, last error
  leave [--discard-undelivered]          stop delivering; refused while changes wait, unless told`;

export const KIOSK_COMMANDS = ['join', 'status', 'leave'];
const SWITCHES = ['--allow-plaintext', '--discard-undelivered'];
const KNOWN: Record<string, Set<string>> = {
  join: new Set(['--data-dir', '--ca']),
  status: new Set(['--data-dir']),
  leave: new Set(['--data-dir']),
};

const when = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString());

function duration(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/**
 * fleet join, status and leave, run on the kiosk against its own data folder (also while the kiosk runs: SQLite in WAL
 * mode takes both). Answers the exit code: 0 done, 1 refused or failed, 2 bad usage.
 */
export async function runFleetKioskCommand(command: string, rest: string[], io: CommandIo): Promise<number> {
  const args = withoutSwitches(rest, SWITCHES);
  checkKnownFlags(args, KNOWN[command]!);
  const dataFolder = existingDataFolder(args, io.env, 'Check --data-dir, or start the kiosk once.');
  const caFile = flag(args, '--ca');
  const ca = caFile === undefined ? undefined : readFileSync(caFile, 'utf8');
  // Asked before the database is opened, so a person at the terminal is never kept waiting on it.
  const enrolment =
    command === 'join' ? await readSecret(io.stdin, io.stderr, 'Enrolment string (from fleet add-kiosk): ') : '';
  if (command === 'join' && !enrolment.trim()) throw new UsageError('No enrolment string was given.');

  const core = openKioskCore({ dataFolder, ...io.core, backups: false });
  try {
    if (command === 'status') {
      const status = fleetStatus(core.db, dataFolder);
      if (!status) {
        io.stdout.write('This kiosk does not belong to a fleet.\n');
        return 0;
      }
      const { link } = status;
      io.stdout.write(
        `Fleet: ${link.server}, as "${link.kioskName}"${link.unit ? ` (${link.unit})` : ''}, role ${link.kioskId}\n` +
          `Joined: ${when(link.joinedAt)}\n` +
          `Last delivery: ${when(link.lastDeliveredAt)} (${link.deliveredRows} rows delivered in all)\n` +
          `Backlog: ${status.backlog} change(s) waiting${status.backlog > 0 ? `, the oldest for ${duration(status.lagMs)}` : ''}\n` +
          `Staff directory: ${status.staff.lastChangeNo === 0 ? 'no change applied yet' : `change ${status.staff.lastChangeNo} applied`}, ${status.staff.waiting} staff change(s) of this kiosk waiting\n` +
          `Last error: ${link.lastError === null ? 'none since the last delivery' : `${when(link.lastErrorAt)} ${link.lastError}`}\n` +
          `Credentials: ${status.credentialsSealedWith === null ? "a file readable by the app's user only (no OS keystore in use)" : `encrypted with the OS keystore (${status.credentialsSealedWith})`}\n` +
          `Content pack: ${contentPackLine(core.publishedContent().stored)}\n` +
          `Settings: ${centreSettingsLine(readCentreSettings(core.db))}\n` +
          (status.credentialsProblem ? `Cannot deliver: ${status.credentialsProblem}\n` : ''),
      );
      return status.credentialsProblem ? 1 : 0;
    }
    if (command === 'leave') {
      const { dropped } = leaveFleet({
        db: core.db,
        dataFolder,
        discardUndelivered: hasFlag(rest, '--discard-undelivered'),
      });
      io.stdout.write(
        `This kiosk left the fleet${dropped > 0 ? `; ${dropped} undelivered change(s) were dropped` : ''}. ` +
          'What it delivered stays at the centre.\n',
      );
      return 0;
    }

    const joined = await joinFleet({
      db: core.db,
      dataFolder,
      enrolment,
      clock: core.clock,
      ca,
      allowPlaintext: hasFlag(rest, '--allow-plaintext'),
    });
    io.stdout.write(
      `Joined the fleet as "${joined.kioskName}"${joined.unit ? ` (${joined.unit})` : ''}, role ${joined.kioskId}. ` +
        `Uploading ${joined.queued} row(s) of history…\n`,
    );
    return await uploadBacklog(core, dataFolder, joined.kioskId, io);
  } catch (error) {
    if (error instanceof FleetMembershipError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    core.close();
  }
}

function centreSettingsLine(centre: CentreSettingsView | null): string {
  if (!centre) return 'none from the centre (all are this kiosk’s own)';
  const sources = centre.sources.map(
    (source) => `${source.unit === null ? 'hospital' : `unit ${source.unit}`} version ${source.version}`,
  );
  return `${sources.join(' and ')} from the centre, in use (${Object.keys(centre.keys).join(', ')})`;
}

function contentPackLine(stored: number | null): string {
  return stored === null
    ? 'none from the centre yet (the shipped content)'
    : `version ${stored} from the centre (shown from the kiosk's first start after it arrived)`;
}

/** Delivers what waits, now; a failure leaves it for the kiosk's own delivery and says so (joining succeeded). */
async function uploadBacklog(
  core: ReturnType<typeof openKioskCore>,
  dataFolder: string,
  kioskId: string,
  io: CommandIo,
): Promise<number> {
  const connection = readCredentials(dataFolder);
  if ('problem' in connection) throw new Error(connection.problem);
  const server = fleetStatus(core.db, dataFolder)!.link.server;
  const delivery = createDelivery({ db: core.db, connection, kioskId, server, clock: core.clock, logger: core.logger });
  let rows = 0;
  try {
    for (;;) {
      const batch = await delivery.deliverBatch();
      if (batch.entries === 0) break;
      rows += batch.rows;
    }
    io.stdout.write(`Uploaded ${rows} row(s). The kiosk delivers every new change from now on.\n`);
    return 0;
  } catch (error) {
    io.stdout.write(
      `Uploaded ${rows} row(s); the rest waits: ${describeDeliveryError(error, server)} ` +
        'The kiosk goes on delivering by itself; see fleet status.\n',
    );
    return 0;
  } finally {
    await delivery.close();
  }
}
