import { API_METHODS } from '../shared/api-methods';
import { BRIDGE_API_PREFIX, BRIDGE_TOKEN_HEADER } from '../shared/bridge-protocol';

export { BRIDGE_API_PREFIX, BRIDGE_TOKEN_HEADER };

/** Paths and names shared by the bridge server and the script it serves. */
export const BRIDGE_CLIENT_PATH = '/__kiosk/bridge-client.js';
export const BRIDGE_TOKEN_META = 'kiosk-bridge-token';
// Usage export: the download endpoint, and the header carrying the export's row count.
export const BRIDGE_EXPORT_PATH = '/__kiosk/export';
export const BRIDGE_EXPORT_ROWS_HEADER = 'X-Kiosk-Export-Rows';

/**
 * The browser-side half of the bridge, as plain JavaScript: it defines `window.kiosk` with one async function per
 * contract method, each POSTing `{input}` to the bridge. It is a static file rather than an inline script because the
 * renderer's CSP is `script-src 'self'`; the token reaches it through a meta tag the server writes into the page.
 * Generated from API_METHODS so the browser gets exactly the methods the preload exposes, no generic `invoke`.
 *
 * Usage export: in Electron, exportUsage asks where to save with a dialog; a browser has no such dialog, so
 * here exportUsage POSTs its input to the download endpoint and hands the streamed file to the browser as a download
 * (an <a download> with a blob: URL: a navigation, which the page's CSP does not restrict), answering the same
 * ApiResult as in Electron. Cancel aborts the download itself (which also stops the core's export) and answers
 * {outcome: 'cancelled'}: nothing is downloaded, even if the last bytes had already arrived. While the download runs,
 * getUsageExportProgress answers rows done of the export's row count until the browser holds the whole file.
 */
export function bridgeClientScript(methods: readonly string[] = API_METHODS): string {
  return `// Loopback bridge client: defines window.kiosk over fetch. Served by src/bridge, never part of the packaged app.
(() => {
  'use strict';
  const methods = ${JSON.stringify(methods)};
  const meta = document.querySelector('meta[name="${BRIDGE_TOKEN_META}"]');
  const token = meta ? meta.getAttribute('content') || '' : '';
  const internal = (message) => ({ ok: false, error: { code: 'internal', message } });
  const call = async (method, input) => {
    let response;
    try {
      response = await fetch(${JSON.stringify(BRIDGE_API_PREFIX)} + method, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ${JSON.stringify(BRIDGE_TOKEN_HEADER)}: token },
        body: JSON.stringify({ input }),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (error) {
      return internal('The kiosk bridge cannot be reached: ' + (error && error.message ? error.message : String(error)));
    }
    try {
      const result = await response.json();
      if (result && typeof result.ok === 'boolean') return result;
    } catch {
      // fall through: not an ApiResult
    }
    return internal('The kiosk bridge answered HTTP ' + response.status + ' without a result.');
  };
  const api = {};
  for (const method of methods) {
    api[method] = (input) => call(method, input);
  }
  // Usage export: a download instead of a save dialog. The download in flight, if any: what it exports, its row
  // count (from the response header), the controller that aborts it and whether Cancel was pressed.
  let download = null;
  const cancelled = () => ({ ok: true, value: { outcome: 'cancelled' } });
  const exportAsDownload = async (input) => {
    const current = {
      what: input && input.what === 'events' ? 'events' : 'sessions',
      rowsTotal: 0,
      controller: new AbortController(),
      cancelAsked: false,
    };
    download = current;
    try {
      return await downloadExport(input, current);
    } finally {
      if (download === current) download = null;
    }
  };
  const downloadExport = async (input, current) => {
    let response;
    try {
      response = await fetch(${JSON.stringify(BRIDGE_EXPORT_PATH)}, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ${JSON.stringify(BRIDGE_TOKEN_HEADER)}: token },
        body: JSON.stringify(input === undefined ? {} : input),
        cache: 'no-store',
        credentials: 'omit',
        signal: current.controller.signal,
      });
    } catch (error) {
      if (current.cancelAsked) return cancelled();
      return internal('The kiosk bridge cannot be reached: ' + (error && error.message ? error.message : String(error)));
    }
    const disposition = response.headers.get('Content-Disposition') || '';
    if (!response.ok || !/^attachment;/i.test(disposition)) {
      try {
        const result = await response.json();
        if (result && typeof result.ok === 'boolean') return result;
      } catch {
        // fall through: not an ApiResult
      }
      return internal('The kiosk bridge answered HTTP ' + response.status + ' without a result.');
    }
    const rows = Number(response.headers.get(${JSON.stringify(BRIDGE_EXPORT_ROWS_HEADER)}));
    current.rowsTotal = Number.isFinite(rows) && rows > 0 ? rows : 0;
    let blob;
    try {
      blob = await response.blob();
    } catch {
      return current.cancelAsked ? cancelled() : internal('The export stopped before it was complete.');
    }
    // Cancel pressed while the last bytes arrived still wins: a file the admin cancelled is never handed over.
    if (current.cancelAsked) return cancelled();
    const named = /filename="([^"]+)"/.exec(disposition);
    const fileName = named ? named[1] : 'export';
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // The download reads the blob after click() returns: free it a while later, not at once.
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    return { ok: true, value: { outcome: 'written', fileName, rows: current.rowsTotal } };
  };
  if (methods.includes('exportUsage')) api.exportUsage = exportAsDownload;
  if (methods.includes('getUsageExportProgress')) {
    api.getUsageExportProgress = async (input) => {
      const result = await call('getUsageExportProgress', input);
      const current = download;
      if (!result.ok || !current || current.rowsTotal === 0) return result;
      // The core stops running once it has sent every row; the export is not over until the browser has them all.
      const core = result.value && result.value.running ? result.value : null;
      return {
        ok: true,
        value: {
          running: true,
          what: current.what,
          rowsDone: core ? Math.min(core.rowsDone, current.rowsTotal) : current.rowsTotal,
          rowsTotal: current.rowsTotal,
        },
      };
    };
  }
  if (methods.includes('cancelUsageExport')) {
    api.cancelUsageExport = async (input) => {
      // The download stops here at once (closing the connection also stops the core's export), before the answer.
      const current = download;
      if (current) {
        current.cancelAsked = true;
        current.controller.abort();
      }
      const result = await call('cancelUsageExport', input);
      return current && result.ok ? { ok: true, value: { cancelled: true } } : result;
    };
  }
  Object.defineProperty(window, 'kiosk', { value: Object.freeze(api), enumerable: true });
})();
`;
}
