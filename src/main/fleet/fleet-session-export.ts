import type { CsvSeparator } from '../../shared/domain';
import type { CentralConnection } from './central/central-connection';
import type { FleetRange } from './central/fleet-copy-sql';
import { exportFleetUsage } from './fleet-usage-export';

export { FLEET_SESSION_COLUMNS } from './fleet-usage-export';

/**
 * Every kiosk's sessions that started in [start, end) as the single-kiosk CSV with the kiosk's name first
 * (exportFleetUsage, sessions as CSV). With `unit`, only the sessions of that unit's kiosks; with `idleTimeoutMs`,
 * stopped (and nothing left behind) when the COPY goes quiet.
 */
export function exportFleetSessionsCsv(
  sql: CentralConnection,
  options: FleetRange & { separator?: CsvSeparator },
  path: string,
): Promise<{ rows: number }> {
  return exportFleetUsage(sql, { ...options, what: 'sessions', format: 'csv' }, path);
}
