// Usage export: the download endpoint, and the header carrying the export's row count.
export const BRIDGE_EXPORT_PATH = '/__kiosk/export';
export const BRIDGE_EXPORT_ROWS_HEADER = 'X-Kiosk-Export-Rows';

/**
 * The bridge client's usage export, as plain JavaScript to be placed inside bridgeClientScript after `api` is built
 * (it uses that script's `post`, `readResult`, `call`, `internal` and `unreachable`).
 *
 * In Electron, exportUsage asks where to save with a dialog; a browser has no such dialog, so here exportUsage POSTs
 * its input to the download endpoint and hands the streamed file to the browser as a download (an <a download> with a
 * blob: URL: a navigation, which the page's CSP does not restrict), answering the same ApiResult as in Electron.
 * Cancel aborts the download itself (which also stops the core's export) and answers {outcome: 'cancelled'}: nothing
 * is downloaded, even if the last bytes had already arrived. While the download runs, getUsageExportProgress answers
 * rows done of the export's row count until the browser holds the whole file.
 */
export function exportDownloadScript(): string {
  return [downloadScript(), saveBlobScript(), exportMethodsScript()].join('\n');
}

/** exportUsage as a download: the download in flight, and fetching the file with its row count. */
function downloadScript(): string {
  return `  // The download in flight, if any: what it exports, its row count (from the response header), the controller
  // that aborts it and whether Cancel was pressed.
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
      const body = input === undefined ? {} : input;
      response = await post(${JSON.stringify(BRIDGE_EXPORT_PATH)}, body, current.controller.signal);
    } catch (error) {
      return current.cancelAsked ? cancelled() : unreachable(error);
    }
    const disposition = response.headers.get('Content-Disposition') || '';
    if (!response.ok || !/^attachment;/i.test(disposition)) return readResult(response);
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
    saveBlob(blob, fileName);
    return { ok: true, value: { outcome: 'written', fileName, rows: current.rowsTotal } };
  };`;
}

/** Hands a fetched file to the browser's downloads through a hidden link. */
function saveBlobScript(): string {
  return `  const saveBlob = (blob, fileName) => {
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
  };`;
}

/** Puts the download in place of exportUsage, and makes progress and Cancel follow the download. */
function exportMethodsScript(): string {
  return `  if (methods.includes('exportUsage')) api.exportUsage = exportAsDownload;
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
  }`;
}
