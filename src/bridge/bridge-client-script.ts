import { API_METHODS } from '../shared/api-methods';
import { BRIDGE_API_PREFIX, BRIDGE_TOKEN_HEADER } from '../shared/bridge-protocol';
import { exportDownloadScript } from './bridge-client-export-script';

export { BRIDGE_API_PREFIX, BRIDGE_TOKEN_HEADER };

/** Paths and names shared by the bridge server and the script it serves. */
export const BRIDGE_CLIENT_PATH = '/__kiosk/bridge-client.js';
export const BRIDGE_TOKEN_META = 'kiosk-bridge-token';

/**
 * The browser-side half of the bridge, as plain JavaScript: it defines `window.kiosk` with one async function per
 * contract method, each POSTing `{input}` to the bridge. It is a static file rather than an inline script because the
 * renderer's CSP is `script-src 'self'`; the token reaches it through a meta tag the server writes into the page.
 * Generated from API_METHODS so the browser gets exactly the methods the preload exposes, no generic `invoke`.
 * The usage export's methods are replaced by a download (exportDownloadScript).
 */
export function bridgeClientScript(methods: readonly string[] = API_METHODS): string {
  return `// Loopback bridge client: defines window.kiosk over fetch. Served by src/bridge, never part of the packaged app.
(() => {
  'use strict';
  const methods = ${JSON.stringify(methods)};
${requestScript()}
  const call = async (method, input) => {
    let response;
    try {
      response = await post(${JSON.stringify(BRIDGE_API_PREFIX)} + method, { input });
    } catch (error) {
      return unreachable(error);
    }
    return readResult(response);
  };
  const api = {};
  for (const method of methods) {
    api[method] = (input) => call(method, input);
  }
${exportDownloadScript()}
  Object.defineProperty(window, 'kiosk', { value: Object.freeze(api), enumerable: true });
})();
`;
}

/**
 * What every request of the client shares: the page's token, the POST itself and reading its ApiResult. A failure
 * the bridge could not answer becomes an `internal` ApiResult, as main's handlers answer one.
 */
function requestScript(): string {
  return `  const meta = document.querySelector('meta[name="${BRIDGE_TOKEN_META}"]');
  const token = meta ? meta.getAttribute('content') || '' : '';
  const internal = (message) => ({ ok: false, error: { code: 'internal', message } });
  const unreachable = (error) =>
    internal('The kiosk bridge cannot be reached: ' + (error && error.message ? error.message : String(error)));
  const post = (path, body, signal) =>
    fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ${JSON.stringify(BRIDGE_TOKEN_HEADER)}: token },
      body: JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      signal,
    });
  const readResult = async (response) => {
    try {
      const result = await response.json();
      if (result && typeof result.ok === 'boolean') return result;
    } catch {
      // fall through: not an ApiResult
    }
    return internal('The kiosk bridge answered HTTP ' + response.status + ' without a result.');
  };`;
}
