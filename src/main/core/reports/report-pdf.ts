import { rmSync, writeFileSync } from 'node:fs';
import type { Language, ReportPdfResult } from '../../../shared/domain';
import type { CallerContext } from '../api/caller-context';
import type { Clock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { KioskError } from '../errors';
import type { ChooseExportFile } from '../export/export-file-chooser';
import { partialPathBeside, replaceDurably } from '../reliability/durable-files';
import { insertAuditEntry } from '../repositories/audit-log-repository';

export interface ReportPdfOptions {
  db: KioskDatabase;
  clock: Clock;
  chooseFile: ChooseExportFile;
}

const PDF_MAGIC = '%PDF-';

/**
 * Saves the printable monthly summary as a PDF: staff choose where (the save dialog, in the app), the shell prints
 * the calling page as it is on screen (the summary, shaped by its print CSS), and the bytes land in one step (a
 * temporary file beside the target, renamed once flushed), so a failure leaves no part of a file. Audited either way.
 * Only a caller that can print (the Electron app) can save; the browser bridge uses the browser's own print window.
 */
export async function saveReportPdf(
  options: ReportPdfOptions,
  request: { staffId: number; month: string; language?: Language },
  caller: CallerContext,
): Promise<ReportPdfResult> {
  const { printToPdf } = caller;
  if (!printToPdf) {
    throw new KioskError('conflict', 'Saving a PDF needs the kiosk app. Use Print, and choose "Save as PDF" there.');
  }
  const audit = (detail: Record<string, unknown>) =>
    insertAuditEntry(options.db, {
      at: options.clock.now(),
      staffId: request.staffId,
      action: 'report-pdf',
      detail: { month: request.month, ...detail },
    });

  const path = await options.chooseFile(`lactation-report-${request.month}.pdf`, request.language);
  if (path === null) {
    audit({ outcome: 'cancelled' });
    return { outcome: 'cancelled' };
  }
  const partial = partialPathBeside(path);
  try {
    const bytes = await printToPdf();
    if (Buffer.from(bytes.subarray(0, PDF_MAGIC.length)).toString('latin1') !== PDF_MAGIC) {
      throw new Error('the page did not print as a PDF');
    }
    writeFileSync(partial, bytes, { flag: 'wx' });
    replaceDurably(partial, path);
    audit({ outcome: 'written', bytes: bytes.length });
    return { outcome: 'written', fileName: path };
  } catch (error) {
    rmSync(partial, { force: true });
    audit({ outcome: 'failed' });
    throw error;
  }
}
