/**
 * The Reports tab's unit and hospital scopes: totals read from the hospital's fleet database. Its totals are kept per
 * UTC day (docs/FLEET.md, "Daily totals"), so `from` and `to` name UTC days here, not the kiosk's local days.
 */
export const FLEET_SCOPES = ['unit', 'hospital'] as const;
export type FleetScope = (typeof FLEET_SCOPES)[number];

export interface FleetReport {
  scope: FleetScope;
  /** The kiosk's unit as the fleet database has it (the unit scope's unit); null for the hospital scope. */
  unit: string | null;
  /** Inclusive UTC days. */
  from: string;
  to: string;
  /** Sessions that started in the range, ended or not, delivered so far. */
  sessions: number;
  endedSessions: number;
  /** Total and mean length of the ended sessions, in milliseconds; mean null when none ended. */
  totalDurationMs: number;
  meanDurationMs: number | null;
  /** The most kiosks with sessions on any one day of the range (the totals cannot tell kiosks apart across days). */
  mostKiosksInADay: number;
  /** Every UTC day of the range, days without sessions included. */
  sessionsPerDay: { date: string; sessions: number }[];
}

/**
 * Why there is no fleet report: the kiosk has not joined a fleet; the hospital database cannot be reached (the
 * network, the server) or refused this kiosk's credentials; the kiosk has no unit there; or this way of running the
 * kiosk has no link to it (a bridge started without the fleet's reader, as some tests start it).
 */
export const FLEET_REPORT_PROBLEMS = ['not-in-fleet', 'unreachable', 'refused', 'no-unit', 'unavailable'] as const;
export type FleetReportProblem = (typeof FLEET_REPORT_PROBLEMS)[number];

/** getFleetReport answers either the report or the reason there is none: both are ordinary outcomes, not failures. */
export type FleetReportAnswer = { status: 'ready'; report: FleetReport } | { status: FleetReportProblem };
