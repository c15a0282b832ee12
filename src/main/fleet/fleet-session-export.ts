import type { CsvSeparator } from '../../shared/domain';
import type { CentralConnection } from './central/central-connection';
import { exportFleetUsage } from './fleet-usage-export';

export { FLEET_SESSION_COLUMNS } from './fleet-usage-export';

/**
 * Every kiosk's sessions that started in [start, end) as the single-kiosk CSV with the kiosk's name first
 * (exportFleetUsage, sessions as CSV). With `unit`, only the sessions of that unit's kiosks.
 */
export function exportFleetSessionsCsv(
  sql: CentralConnection,
  options: { start: number; end: number; timeZone: string; separator?: CsvSeparator; unit?: string },
  path: string,
): Promise<{ rows: number }> {
  return exportFleetUsage(sql, { ...options, what: 'sessions', format: 'csv' }, path);
}
