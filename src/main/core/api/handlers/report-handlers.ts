import { saveReportPdf } from '../../reports/report-pdf';
import { buildUsageHistory } from '../../reports/usage-history';
import { buildUsageReport } from '../../reports/usage-report';
import { loadSettings } from '../../services/settings-service';
import type { FeatureHandlers, HandlerContext } from '../handler-types';

type ReportMethods =
  | 'getUsageReport'
  | 'getUsageHistory'
  | 'exportUsage'
  | 'getUsageExportProgress'
  | 'cancelUsageExport'
  | 'saveReportPdf';

/** Usage reports, the usage-log export and the monthly summary as a PDF. */
export function reportHandlers({
  db,
  clock,
  usageExports,
  chooseFile,
}: HandlerContext): FeatureHandlers<ReportMethods> {
  return {
    getUsageReport: ({ from, to, roomId }) =>
      buildUsageReport(db, { from, to, roomId, timeZone: loadSettings(db).timeZone, now: clock.now() }),

    getUsageHistory: ({ roomId }) =>
      buildUsageHistory(db, { roomId, timeZone: loadSettings(db).timeZone, now: clock.now() }),

    exportUsage: ({ staffToken: _token, ...request }, { staff }) =>
      usageExports.exportWithChooser(request, { staffId: staff.staffId, via: 'kiosk' }),

    getUsageExportProgress: () => usageExports.progress(),

    cancelUsageExport: () => ({ cancelled: usageExports.cancel() }),

    saveReportPdf: ({ month, language }, { staff, caller }) =>
      saveReportPdf({ db, clock, chooseFile }, { staffId: staff.staffId, month, language }, caller),
  };
}
