import { fileURLToPath } from 'node:url';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { DispatchLogger } from '../main/core/api/dispatch';
import type { Clock } from '../main/core/clock';
import { openKioskCore, type KioskCore, type KioskCoreOptions } from '../main/core/kiosk-core';
import { createFileLogger, LOG_FOLDER } from '../main/core/logging/file-logger';
import type { LogLevel } from '../main/core/logging/log-levels';
import type { ApiResult, ErrorCode } from '../shared/errors';
import { BRIDGE_API_PREFIX, BRIDGE_CLIENT_PATH, BRIDGE_TOKEN_HEADER, bridgeClientScript } from './bridge-client-script';
// Usage export: the download endpoint.
import { BRIDGE_EXPORT_PATH } from './bridge-client-export-script';
import { streamExportDownload } from './export-download';
import { injectBridge } from './html-injection';
import { isAllowedHost, isSameOriginRequest, isWellFormedToken, newBridgeToken, tokenMatches } from './request-guards';
import { contentTypeFor, lookUpStaticFile, readStaticFile } from './static-files';
import { KIOSK_CSP } from '../shared/content-security-policy';

export interface BridgeOptions {
  dataFolder: string;
  /** 0 picks a free ephemeral port. */
  port?: number;
  /** The built renderer (electron-vite's out/renderer). */
  rendererDir?: string;
  clock?: Clock;
  /** Fixed token for tests; normally a fresh random one per launch. */
  token?: string;
  /** Where core's and the bridge's failures are logged: the data folder's logs/ by default; tests collect them. */
  logger?: DispatchLogger;
  /**
   * Core's housekeeping as in the app: auto-close, the minute's checkpoint, retention and the hourly backup.
   * `npm run start:web` turns it on; tests that drive time themselves leave it off.
   */
  housekeepingEveryMinute?: boolean;
  /** The default logger's level. */
  logLevel?: LogLevel;
  /** A fleet kiosk's unit and hospital figures (core's port); without it the Reports tab says they are not here. */
  fleetReports?: KioskCoreOptions['fleetReports'];
  /** The room board's other rooms of the unit (core's port); without it the board shows its own rooms only. */
  remoteRooms?: KioskCoreOptions['remoteRooms'];
  /** The fleet's badge key while this kiosk is in a fleet; without it badges stay this kiosk's own. */
  fleetBadgeKey?: KioskCoreOptions['fleetBadgeKey'];
}

export interface RunningBridge {
  /** The page to open, token included. */
  url: string;
  port: number;
  token: string;
  /** The core behind the bridge, for tests that need to look at the database. */
  core: KioskCore;
  close(): Promise<void>;
}

/** The very policy the Electron shell sends (one source): the page may load and call only its own origin. */
export const CONTENT_SECURITY_POLICY = KIOSK_CSP;

export const MAX_BODY_BYTES = 64 * 1024;
const BIND_ADDRESS = '127.0.0.1';

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

class BodyTooLarge extends Error {}

function sendText(response: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...extra,
  });
  response.end(text);
}

function sendResult(response: ServerResponse, status: number, result: ApiResult<unknown>): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(JSON.stringify(result));
}

const failure = (code: ErrorCode, message: string): ApiResult<never> => ({ ok: false, error: { code, message } });

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.removeAllListeners('data');
        request.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** `answer` gets the checked JSON body; the token, method and body checks are the same for every call. */
async function handleApi(
  token: string,
  request: IncomingMessage,
  response: ServerResponse,
  answer: (body: object) => Promise<void>,
): Promise<void> {
  if (request.method !== 'POST') {
    sendResult(response, 405, failure('invalid-input', 'Kiosk calls must be POST.'));
    return;
  }
  if (!tokenMatches(token, request.headers[BRIDGE_TOKEN_HEADER.toLowerCase()])) {
    sendResult(response, 401, failure('untrusted-sender', 'This call did not come from the kiosk page.'));
    return;
  }
  let text: string;
  try {
    text = await readBody(request);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      sendResult(response, 413, failure('invalid-input', `A kiosk call may carry at most ${MAX_BODY_BYTES} bytes.`));
      return;
    }
    throw error;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    sendResult(response, 400, failure('invalid-input', 'The call body is not valid JSON.'));
    return;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    sendResult(response, 400, failure('invalid-input', 'The call body must be a JSON object {"input": ...}.'));
    return;
  }
  await answer(body);
}

/** The page's own files: the built renderer, and the bridge's client script; the page itself only with the token. */
async function handlePage(
  site: { token: string; rendererDir: string; clientScript: string },
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  rawPath: string,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendText(response, 405, 'Method not allowed.', { Allow: 'GET, HEAD' });
    return;
  }
  if (rawPath === BRIDGE_CLIENT_PATH) {
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : site.clientScript);
    return;
  }
  const found = await lookUpStaticFile(site.rendererDir, rawPath);
  if (found.kind === 'refused') {
    sendText(response, 403, 'Forbidden.');
    return;
  }
  if (found.kind === 'missing') {
    sendText(response, 404, 'Not found.');
    return;
  }
  const isPage = found.file === resolve(site.rendererDir, 'index.html');
  if (isPage && !tokenMatches(site.token, url.searchParams.get('token'))) {
    sendText(response, 403, 'Forbidden: open the kiosk with the address printed when the bridge started.');
    return;
  }
  const content = await readStaticFile(found.file);
  const body = isPage ? Buffer.from(injectBridge(content.toString('utf8'), site.token), 'utf8') : content;
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': contentTypeFor(found.file),
    'Content-Length': String(body.length),
    // The page carries the token: never keep it in a cache.
    'Cache-Control': isPage ? 'no-store' : 'no-cache',
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/**
 * Serves the built renderer to a real browser on 127.0.0.1, with `window.kiosk` carried over fetch to the very same
 * dispatch (and handler table) the Electron IPC shell uses. For tests and previews only: never part of the packaged app.
 */
export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  const token = options.token ?? newBridgeToken();
  if (!isWellFormedToken(token)) throw new Error('The bridge token must be 32 to 128 base64url characters.');
  const rendererDir = resolve(options.rendererDir ?? 'out/renderer');
  const clientScript = bridgeClientScript();
  const logger =
    options.logger ??
    createFileLogger({ folder: join(options.dataFolder, LOG_FOLDER), level: options.logLevel, echo: true });
  const core = openKioskCore({
    dataFolder: options.dataFolder,
    clock: options.clock,
    logger,
    resourcesFolder: fileURLToPath(new URL('../../resources', import.meta.url)),
    housekeepingEveryMinute: options.housekeepingEveryMinute ?? false,
    fleetReports: options.fleetReports,
    remoteRooms: options.remoteRooms,
    fleetBadgeKey: options.fleetBadgeKey,
  });
  let port = 0;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawTarget = request.url ?? '/';
    const rawPath = rawTarget.split('?', 1)[0]!;
    const isApi = rawPath.startsWith(BRIDGE_API_PREFIX) || rawPath === BRIDGE_EXPORT_PATH;
    if (!isAllowedHost(request.headers, port) || !isSameOriginRequest(request.headers, port)) {
      if (isApi) sendResult(response, 403, failure('untrusted-sender', 'Calls from other sites are refused.'));
      else sendText(response, 403, 'Forbidden: foreign host or origin.');
      return;
    }
    if (!rawTarget.startsWith('/')) {
      sendText(response, 400, 'Bad request.');
      return;
    }
    if (rawPath === BRIDGE_EXPORT_PATH) {
      // Usage export: the body is exportUsage's input; the file streams back as a download.
      await handleApi(token, request, response, (body) => streamExportDownload(core, body, response, SECURITY_HEADERS));
      return;
    }
    if (isApi) {
      const method = rawPath.slice(BRIDGE_API_PREFIX.length);
      await handleApi(token, request, response, async (body) =>
        sendResult(response, 200, await core.dispatch(method, (body as { input?: unknown }).input)),
      );
      return;
    }
    await handlePage(
      { token, rendererDir, clientScript },
      request,
      response,
      new URL(rawTarget, `http://127.0.0.1:${port}`),
      rawPath,
    );
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error('kiosk bridge: request failed', error);
      if (!response.headersSent)
        sendResult(response, 500, failure('internal', 'Something went wrong. Please try again.'));
      else response.destroy();
    });
  });

  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, BIND_ADDRESS, () => {
        server.off('error', reject);
        resolveListen();
      });
    });
  } catch (error) {
    core.close();
    throw error;
  }
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${BIND_ADDRESS}:${port}/?token=${token}`,
    port,
    token,
    core,
    close() {
      closing ??= new Promise<void>((resolveClose) => {
        server.close(() => {
          core.close();
          resolveClose();
        });
        // Keep-alive sockets would hold close() open until they time out.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
