import type { KioskDatabase } from '../../core/db/open-database';
import type { KioskLogger } from '../../core/logging/kiosk-logger';
import { readFleetLink } from '../../core/repositories/fleet-outbox-repository';
import type { FleetReport, FleetReportAnswer, FleetReportProblem, FleetScope } from '../../../shared/fleet-report';
import { openCentral } from '../central/connection-settings';
import { readDailyTotals, readOwnUnit, type DailyTotalsRow } from '../central/fleet-daily-totals';
import { localRange } from '../../core/reports/local-days';
import { errorCode, errorMessage, isCentreUnavailableNow, isSqlState } from './centre-errors';
import { readCredentials } from './fleet-credentials';

/**
 * The admin screen waits on this while staff look at it, and the network may be down: a few seconds to connect and
 * a few for the statement, then a clear answer instead of a spinner.
 */
export const FLEET_REPORT_CONNECT_SECONDS = 3;
export const FLEET_REPORT_QUERY_MS = 4_000;

/** Why a unit or hospital report could not be read, with a sentence for staff and the kiosk's log. */
export class FleetReportError extends Error {
  constructor(
    readonly reason: FleetReportProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface FleetReportRequest {
  scope: FleetScope;
  /** Inclusive UTC days, YYYY-MM-DD. */
  from: string;
  to: string;
}

const UNREACHABLE = "The hospital database cannot be reached now; this kiosk's own report still works.";

/** The network or the server's state (try later), PostgreSQL refusing (IT must act), or a fault of our own (rethrown). */
function classify(error: unknown): FleetReportError {
  const message = errorMessage(error);
  const code = errorCode(error);
  if (isCentreUnavailableNow(error)) {
    return new FleetReportError('unreachable', `${UNREACHABLE} (${message})`);
  }
  if (isSqlState(code)) {
    return new FleetReportError(
      'refused',
      `The hospital database refused this kiosk's request (${message}): IT may need to enrol it again.`,
    );
  }
  throw error;
}

function summarise(request: FleetReportRequest, unit: string | null, rows: DailyTotalsRow[]): FleetReport {
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const sum = (pick: (row: DailyTotalsRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const endedSessions = sum((row) => row.endedSessions);
  const totalDurationMs = sum((row) => row.durationMs);
  return {
    scope: request.scope,
    unit,
    from: request.from,
    to: request.to,
    sessions: sum((row) => row.sessions),
    endedSessions,
    totalDurationMs,
    meanDurationMs: endedSessions === 0 ? null : Math.round(totalDurationMs / endedSessions),
    mostKiosksInADay: Math.max(0, ...rows.map((row) => row.kiosks)),
    sessionsPerDay: localRange('UTC', request.from, request.to).days.map(({ date }) => ({
      date,
      sessions: byDay.get(date)?.sessions ?? 0,
    })),
  };
}

/**
 * The unit's or the hospital's totals for a range of UTC days, read with this kiosk's own credentials from the views
 * every kiosk may read. The unit is the one the fleet database has for this kiosk now (its own row of fleet.kiosks),
 * not the one recorded at join, so a kiosk IT moved to another unit reports for its new unit.
 * Throws FleetReportError when there is nothing to show, and never waits longer than the timeouts above.
 */
export async function readFleetReport(
  input: FleetReportRequest & {
    db: KioskDatabase;
    dataFolder: string;
    connectTimeoutSeconds?: number;
    queryTimeoutMs?: number;
  },
): Promise<FleetReport> {
  if (!readFleetLink(input.db)) throw new FleetReportError('not-in-fleet', 'This kiosk does not belong to a fleet.');
  const credentials = readCredentials(input.dataFolder);
  if ('problem' in credentials) throw new FleetReportError('refused', credentials.problem);
  let sql;
  try {
    sql = openCentral(credentials, {
      connectTimeoutSeconds: input.connectTimeoutSeconds ?? FLEET_REPORT_CONNECT_SECONDS,
      queryTimeoutMs: input.queryTimeoutMs ?? FLEET_REPORT_QUERY_MS,
    });
  } catch (error) {
    throw new FleetReportError('refused', (error as Error).message);
  }
  try {
    let unit: string | null = null;
    if (input.scope === 'unit') {
      const own = await readOwnUnit(sql);
      if (!own) throw new FleetReportError('refused', 'The hospital database no longer knows this kiosk.');
      if (own.unit === null) throw new FleetReportError('no-unit', 'This kiosk has no unit in the hospital database.');
      unit = own.unit;
    }
    const rows = await readDailyTotals(sql, { ...input, ...(unit === null ? {} : { unit }) });
    return summarise(input, unit, rows);
  } catch (error) {
    throw error instanceof FleetReportError ? error : classify(error);
  } finally {
    await sql.end();
  }
}

/** readFleetReport as getFleetReport answers it: the report, or the reason there is none (logged for IT). */
export async function answerFleetReport(
  input: Parameters<typeof readFleetReport>[0] & { logger?: Pick<KioskLogger, 'warn'> },
): Promise<FleetReportAnswer> {
  try {
    return { status: 'ready', report: await readFleetReport(input) };
  } catch (error) {
    if (!(error instanceof FleetReportError)) throw error;
    input.logger?.warn?.(`fleet report (${input.scope}): ${error.message}`);
    return { status: error.reason };
  }
}
