import type { ServerResponse } from 'node:http';
import { EXPORT_MIME_TYPES } from '../main/core/export/export-encoder';
import type { KioskCore } from '../main/core/kiosk-core';
import { contract } from '../shared/contract';
import type { ApiResult, ErrorCode } from '../shared/errors';
import { BRIDGE_EXPORT_ROWS_HEADER } from './bridge-client-export-script';

/** How a refused export answers: the status says what kind of refusal, the body is the usual ApiResult. */
const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  'invalid-input': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
};

/** `attachment; filename="…"`: core's suggested names are plain ASCII, but nothing else may reach the header. */
export function attachmentHeader(fileName: string): string {
  const safe = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${safe}"`;
}

/**
 * The browser bridge's download endpoint: streams an admin's usage export (the exportUsage input: token, what,
 * format, dates, room) straight into the HTTP response, through the same core code path and audit as the Electron
 * save dialog. Headers go out only when the export has really started (its row count known), so a refused request
 * (bad input, no admin sign-in, unknown room, another export running) answers a JSON ApiResult with a 4xx status
 * and streams nothing. A client that goes away cancels the export; a cancelled export cuts the response short, so
 * the browser never mistakes a partial file for a whole one.
 */
export async function streamExportDownload(
  core: Pick<KioskCore, 'exportUsageToStream' | 'usageExports'>,
  input: unknown,
  response: ServerResponse,
  securityHeaders: Record<string, string>,
): Promise<void> {
  const parsed = contract.exportUsage.input.safeParse(input);
  const fileName = parsed.success ? core.usageExports.suggestedFileName(parsed.data) : 'export';
  const contentType = EXPORT_MIME_TYPES[parsed.success ? parsed.data.format : 'csv'];
  const stop = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) stop.abort();
  });

  const result = await core.exportUsageToStream(input, response, {
    signal: stop.signal,
    onProgress: (_done, total) => {
      if (response.headersSent) return;
      response.writeHead(200, {
        ...securityHeaders,
        'Content-Type': contentType,
        'Content-Disposition': attachmentHeader(fileName),
        'Cache-Control': 'no-store',
        // One consistent snapshot: the count known before the first row is the count written.
        [BRIDGE_EXPORT_ROWS_HEADER]: String(total),
      });
    },
  });
  if (result.ok) return;
  if (response.headersSent) {
    // Part of the file has gone out: end the connection abruptly so the download fails rather than looks complete.
    response.destroy();
    return;
  }
  sendRefusal(response, result, securityHeaders);
}

function sendRefusal(
  response: ServerResponse,
  result: Extract<ApiResult<unknown>, { ok: false }>,
  securityHeaders: Record<string, string>,
): void {
  response.writeHead(STATUS_BY_CODE[result.error.code] ?? 500, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(JSON.stringify(result));
}
