import type { CsvSeparator } from '../../../shared/domain';
import type { FleetExportProblem } from '../../../shared/fleet-export';
import type { FleetScope } from '../../../shared/fleet-report';

export interface FleetExportRequest {
  scope: FleetScope;
  /** UTC bounds [start, end) of the local dates asked for, and the zone their times are written in. */
  start: number;
  end: number;
  timeZone: string;
  separator: CsvSeparator;
  /** Typed by the admin for this export only: the port connects with it and forgets it. */
  reporter: { role: string; password: string };
  /** The file staff chose; written whole or not at all. */
  path: string;
}

export type FleetExportAnswer = { status: 'written'; rows: number } | { status: FleetExportProblem };

/**
 * How exportFleetUsage reaches the hospital's database. As with the Reports tab (fleet-report-port.ts), core holds no
 * PostgreSQL client: the shell passes in the fleet layer's writer (src/main/fleet/kiosk/fleet-export.ts); without one
 * (the browser bridge, tests) the export answers that it is done on the kiosk itself.
 */
export type WriteFleetExport = (request: FleetExportRequest) => Promise<FleetExportAnswer>;
