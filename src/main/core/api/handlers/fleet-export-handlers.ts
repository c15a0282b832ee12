import type { FleetExportResult } from '../../../../shared/fleet-export';
import { KioskError } from '../../errors';
import { insertAuditEntry } from '../../repositories/audit-log-repository';
import { readFleetLink } from '../../repositories/fleet-outbox-repository';
import { localRange } from '../../reports/local-days';
import { loadSettings } from '../../services/settings-service';
import type { FleetExportAnswer } from '../fleet-export-port';
import type { FeatureHandlers, HandlerContext } from '../handler-types';

/**
 * Every kiosk's sessions of this kiosk's unit or of the whole hospital, through the writer the shell passes in
 * (fleet-export-port.ts), to a file staff choose. Every attempt that reaches the hospital database is audited, refusals
 * included: who, which scope and reporting role, the rows and the outcome; never the password.
 */
export function fleetExportHandlers({
  db,
  clock,
  chooseFile,
  writeFleetExport,
}: HandlerContext): FeatureHandlers<'exportFleetUsage'> {
  let running = false;
  return {
    exportFleetUsage: async (input, { staff }): Promise<FleetExportResult> => {
      const { timeZone } = loadSettings(db);
      const { start, end } = localRange(timeZone, input.from, input.to);
      if (!readFleetLink(db)) return { outcome: 'not-written', reason: 'not-in-fleet' };
      if (!writeFleetExport) return { outcome: 'not-written', reason: 'unavailable' };
      if (running) throw new KioskError('conflict', 'A hospital export is already running. Wait for it to finish.');
      running = true;
      try {
        const path = await chooseFile(
          `lactation-sessions-${input.scope}-${input.from}-to-${input.to}.csv`,
          input.language,
        );
        if (path === null) return { outcome: 'cancelled' };
        const separator = input.separator ?? ',';
        let answer: FleetExportAnswer | { status: 'failed' } = { status: 'failed' };
        try {
          answer = await writeFleetExport({
            scope: input.scope,
            start,
            end,
            timeZone,
            separator,
            reporter: { role: input.reportingRole, password: input.reportingPassword },
            path,
          });
        } finally {
          insertAuditEntry(db, {
            at: clock.now(),
            staffId: staff.staffId,
            action: 'fleet-export',
            detail: {
              scope: input.scope,
              reportingRole: input.reportingRole,
              from: input.from,
              to: input.to,
              timeZone,
              separator,
              rows: answer.status === 'written' ? answer.rows : 0,
              outcome: answer.status,
            },
          });
        }
        return answer.status === 'written'
          ? { outcome: 'written', scope: input.scope, fileName: path, rows: answer.rows }
          : { outcome: 'not-written', reason: answer.status };
      } finally {
        running = false;
      }
    },
  };
}
