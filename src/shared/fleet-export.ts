/**
 * The export panel's unit and hospital scopes: every kiosk's sessions of the kiosk's unit, or of the whole hospital,
 * read from the hospital's fleet database with a reporting role's credentials that the admin types for one export.
 */
import type { FleetScope } from './fleet-report';

/**
 * Why no file was written: the kiosk has not joined a fleet; the hospital database refused the role or its password
 * (or the role may not read every kiosk's rows); it cannot be reached now; the kiosk has no unit there (unit scope);
 * or this way of running the kiosk (the browser preview) has no link to it.
 */
export const FLEET_EXPORT_PROBLEMS = ['not-in-fleet', 'refused', 'unreachable', 'no-unit', 'unavailable'] as const;
export type FleetExportProblem = (typeof FLEET_EXPORT_PROBLEMS)[number];

export type FleetExportResult =
  | { outcome: 'written'; scope: FleetScope; fileName: string; rows: number }
  /** Staff closed the save dialog: nothing was asked of the hospital database. */
  | { outcome: 'cancelled' }
  /** Nothing was written, and nothing that was there before was replaced. */
  | { outcome: 'not-written'; reason: FleetExportProblem };

/** A PostgreSQL role name as staff type it (at most 63 bytes, PostgreSQL's limit; checked in characters here). */
export const REPORTING_ROLE_MAX = 63;
/** As the fleet's stored connection settings allow. */
export const REPORTING_PASSWORD_MAX = 200;
