import type { FleetReportAnswer, FleetScope } from '../../../shared/fleet-report';

/**
 * How getFleetReport reaches the hospital's database. Core may not hold a PostgreSQL client (nothing on a parent's or
 * nurse's path may wait on the network), so the shell passes in the fleet layer's reader (src/main/fleet/kiosk/
 * fleet-report.ts), as does the browser preview; without one (some tests) the Reports tab has no unit or hospital figures.
 */
export type ReadFleetReport = (request: { scope: FleetScope; from: string; to: string }) => Promise<FleetReportAnswer>;
