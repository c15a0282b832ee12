import { BRIDGE_CLIENT_PATH, BRIDGE_TOKEN_META } from './bridge-client-script';

/**
 * Adds the token meta tag and the bridge client script to the renderer's index.html, before the app's first script,
 * so `window.kiosk` exists before the app's module runs. The token is well-formed base64url (checked at start), so it
 * needs no HTML escaping.
 */
export function injectBridge(html: string, token: string): string {
  const tags =
    `<meta name="${BRIDGE_TOKEN_META}" content="${token}">\n    ` +
    `<script src="${BRIDGE_CLIENT_PATH}"></script>\n    `;
  const firstScript = html.search(/<script\b/i);
  if (firstScript !== -1) return html.slice(0, firstScript) + tags + html.slice(firstScript);
  const headEnd = html.search(/<\/head>/i);
  if (headEnd !== -1) return html.slice(0, headEnd) + tags + html.slice(headEnd);
  return tags + html;
}
