import type { KioskDatabase } from '../../core/db/open-database';
import type { KioskLogger } from '../../core/logging/kiosk-logger';
import { readFleetLink } from '../../core/repositories/fleet-outbox-repository';
import type { FleetExportAnswer, FleetExportRequest } from '../../core/api/fleet-export-port';
import type { FleetExportProblem } from '../../../shared/fleet-export';
import { openCentral, type ConnectionSettings } from '../central/connection-settings';
import type { CentralConnection } from '../central/central-connection';
import { readOwnUnit } from '../central/fleet-daily-totals';
import { NotAReporterError } from '../central/fleet-reporter';
import { exportFleetSessionsCsv } from '../fleet-session-export';
import { errorCode, errorMessage, isCentreUnavailableNow, isSqlState } from './centre-errors';
import { readCredentials } from './fleet-credentials';
import { FLEET_REPORT_CONNECT_SECONDS, FLEET_REPORT_QUERY_MS } from './fleet-report';

/**
 * An admin waits on this as on the Reports tab's figures, so a centre that cannot be reached fails as fast: a bound on
 * connecting, and one on each small statement before the COPY. The COPY itself has no bound on its length (a large
 * export that keeps flowing runs as long as it needs) but one on going quiet: no byte for FLEET_EXPORT_IDLE_MS (the
 * 20 s the whole COPY once had, which also covers the wait for its first, sorted rows), and it is stopped as
 * unreachable.
 */
export const FLEET_EXPORT_CONNECT_SECONDS = FLEET_REPORT_CONNECT_SECONDS;
export const FLEET_EXPORT_QUERY_MS = 5 * FLEET_REPORT_QUERY_MS;
export const FLEET_EXPORT_IDLE_MS = 5 * FLEET_REPORT_QUERY_MS;

class FleetExportRefusal extends Error {
  constructor(
    readonly reason: FleetExportProblem,
    message: string,
  ) {
    super(message);
  }
}

/** The network or the server's state (try later), PostgreSQL refusing (a wrong role or password), or our own fault. */
function classify(error: unknown): FleetExportRefusal {
  if (error instanceof FleetExportRefusal) return error;
  if (error instanceof NotAReporterError) return new FleetExportRefusal('refused', error.message);
  const message = errorMessage(error);
  const code = errorCode(error);
  if (isCentreUnavailableNow(error)) {
    return new FleetExportRefusal('unreachable', `The hospital database cannot be reached now (${message}).`);
  }
  if (isSqlState(code)) return new FleetExportRefusal('refused', `The hospital database refused (${message}).`);
  throw error;
}

async function withConnection<T>(
  settings: ConnectionSettings,
  timeouts: { connectTimeoutSeconds: number; queryTimeoutMs: number },
  use: (sql: CentralConnection) => Promise<T>,
): Promise<T> {
  let sql: CentralConnection;
  try {
    sql = openCentral(settings, timeouts);
  } catch (error) {
    throw new FleetExportRefusal('refused', errorMessage(error));
  }
  try {
    return await use(sql);
  } finally {
    await sql.end();
  }
}

export interface FleetExportInput extends FleetExportRequest {
  db: KioskDatabase;
  dataFolder: string;
  logger?: Pick<KioskLogger, 'warn' | 'info'>;
  connectTimeoutSeconds?: number;
  queryTimeoutMs?: number;
  idleTimeoutMs?: number;
}

async function writeExport(input: FleetExportInput): Promise<number> {
  if (!readFleetLink(input.db)) throw new FleetExportRefusal('not-in-fleet', 'This kiosk does not belong to a fleet.');
  const stored = readCredentials(input.dataFolder);
  if ('problem' in stored) throw new FleetExportRefusal('refused', stored.problem);
  const timeouts = {
    connectTimeoutSeconds: input.connectTimeoutSeconds ?? FLEET_EXPORT_CONNECT_SECONDS,
    queryTimeoutMs: input.queryTimeoutMs ?? FLEET_EXPORT_QUERY_MS,
  };
  let unit: string | undefined;
  if (input.scope === 'unit') {
    // The kiosk's unit as the centre has it now, read with the kiosk's own credentials (as the Reports tab does).
    const own = await withConnection(stored, timeouts, readOwnUnit);
    if (!own) throw new FleetExportRefusal('refused', 'The hospital database no longer knows this kiosk.');
    if (own.unit === null) throw new FleetExportRefusal('no-unit', 'This kiosk has no unit in the hospital database.');
    unit = own.unit;
  }
  // The kiosk's server, database and TLS settings, with the reporter's role and password instead of the kiosk's.
  const reporter = { ...stored, user: input.reporter.role, password: input.reporter.password };
  const { rows } = await withConnection(reporter, timeouts, (sql) =>
    exportFleetSessionsCsv(
      sql,
      {
        start: input.start,
        end: input.end,
        timeZone: input.timeZone,
        separator: input.separator,
        unit,
        idleTimeoutMs: input.idleTimeoutMs ?? FLEET_EXPORT_IDLE_MS,
      },
      input.path,
    ),
  );
  return rows;
}

/**
 * Writes the unit's or the hospital's sessions to `input.path` with the reporter's credentials, which are used for
 * this connection only. Answers the rows written, or the reason there is no file (logged for IT, the password kept
 * out even if a message were to quote it). Nothing is written for a role that may not read every kiosk's rows, and a
 * partial file never replaces what was at the path.
 */
export async function answerFleetExport(input: FleetExportInput): Promise<FleetExportAnswer> {
  try {
    const rows = await writeExport(input);
    input.logger?.info?.(`fleet export (${input.scope}) as ${input.reporter.role}: ${rows} sessions written`);
    return { status: 'written', rows };
  } catch (error) {
    const refusal = classify(error);
    const said = refusal.message.replaceAll(input.reporter.password, '[hidden]');
    input.logger?.warn?.(`fleet export (${input.scope}) as ${input.reporter.role}: ${refusal.reason}: ${said}`);
    return { status: refusal.reason };
  }
}
