/**
 * The only file that touches ipcMain. One handler per contract method: check the sender, then hand the raw input to
 * core's dispatch, which validates it with the method's schema and never throws.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { API_METHODS, ipcChannel } from '../shared/api-methods';
import type { ApiResult } from '../shared/errors';
import type { Dispatch } from './core/api/dispatch';
import { isTrustedSender } from './trusted-sender';

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

/** Registers every handler; returns a function that removes them again (used on quit, so no call reaches a closed db). */
export function registerIpcHandlers(dispatch: Dispatch, trustedOrigins: readonly string[]): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), async (event, input: unknown) => {
      if (!isTrustedSender(describeSender(event), trustedOrigins)) {
        console.warn(`kiosk: refused ${method} from an untrusted sender`);
        return UNTRUSTED;
      }
      return dispatch(method, input);
    });
  }
  return () => {
    for (const method of API_METHODS) ipcMain.removeHandler(ipcChannel(method));
  };
}
