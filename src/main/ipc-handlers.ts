/**
 * The only file that touches ipcMain. One handler per contract method: check the sender, then hand the raw input to
 * core's dispatch, which validates it with the method's schema and never throws.
 */
import { ipcMain, type IpcMainInvokeEvent, type PrintToPDFOptions } from 'electron';
import { API_METHODS, ipcChannel } from '../shared/api-methods';
import type { ApiResult } from '../shared/errors';
import type { CallerContext } from './core/api/caller-context';
import type { Dispatch } from './core/api/dispatch';
import { isTrustedSender } from './trusted-sender';
import type { KioskLogger } from './core/logging/kiosk-logger';

const UNTRUSTED: ApiResult<never> = {
  ok: false,
  error: { code: 'untrusted-sender', message: 'This call did not come from the kiosk page.' },
};

function describeSender(event: IpcMainInvokeEvent) {
  try {
    const frame = event.senderFrame;
    return frame ? { url: frame.url, isMainFrame: frame.parent === null } : null;
  } catch {
    // Reading a frame that navigated away or was disposed throws: such a sender is not trusted.
    return null;
  }
}

/**
 * The monthly summary as a PDF: A4 as its print CSS asks, backgrounds kept (the charts' bars), and tagged so screen
 * readers can read the file too.
 */
export const REPORT_PDF_OPTIONS: PrintToPDFOptions = {
  pageSize: 'A4',
  preferCSSPageSize: true,
  printBackground: true,
  generateTaggedPDF: true,
};

/** What core may ask of the calling page: printing it (the page as it is on screen now) to PDF bytes. */
function callerOf(event: IpcMainInvokeEvent): CallerContext {
  return { printToPdf: () => event.sender.printToPDF(REPORT_PDF_OPTIONS) };
}

/** Registers every handler; returns a function that removes them again (used on quit, so no call reaches a closed db). */
export function registerIpcHandlers(
  dispatch: Dispatch,
  trustedOrigins: readonly string[],
  logger: Pick<KioskLogger, 'warn'> = console,
): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), async (event, input: unknown) => {
      if (!isTrustedSender(describeSender(event), trustedOrigins)) {
        logger.warn?.(`kiosk: refused ${method} from an untrusted sender`);
        return UNTRUSTED;
      }
      return dispatch(method, input, callerOf(event));
    });
  }
  return () => {
    for (const method of API_METHODS) ipcMain.removeHandler(ipcChannel(method));
  };
}
