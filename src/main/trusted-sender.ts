/**
 * Decides whether an IPC call comes from the kiosk's own page. Pure (no electron import) so that tricky URLs can be
 * unit-tested: ipc-handlers.ts passes in the sender frame's URL and whether it is the main frame.
 */

/** The origin the packaged renderer is served from (see renderer-protocol.ts). */
export const KIOSK_SCHEME = 'kiosk';
export const KIOSK_HOST = 'app';
export const KIOSK_ORIGIN = `${KIOSK_SCHEME}://${KIOSK_HOST}`;

export interface SenderFrame {
  /** The frame's current URL; null or undefined when the frame is gone. */
  url: string | null | undefined;
  /** True only for the top-level frame of the window (WebFrameMain.parent === null). */
  isMainFrame: boolean;
}

/**
 * The `scheme://host[:port]` of a URL, or null when it cannot be trusted at all (unparsable, carries credentials).
 * Hand-built because WHATWG URL gives non-special schemes such as kiosk: an opaque origin ("null"). The host of a
 * non-special scheme is not case-folded, so `kiosk://APP` stays distinct from `kiosk://app`: Chromium canonicalises
 * our registered standard scheme to lower case, so only a forged URL would arrive in any other spelling.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username || parsed.password || !parsed.host) return null;
  return `${parsed.protocol}//${parsed.host}`;
}

/** Main frame, and an origin that is exactly one of ours. Anything else (sub-frame, other origin, no URL) is refused. */
export function isTrustedSender(frame: SenderFrame | null | undefined, trustedOrigins: readonly string[]): boolean {
  if (!frame || !frame.isMainFrame || typeof frame.url !== 'string') return false;
  const origin = originOf(frame.url);
  return origin !== null && trustedOrigins.includes(origin);
}

/**
 * The origins whose main frame may call the kiosk API: always our own protocol; in an unpackaged run started by
 * `electron-vite dev` also its renderer dev server, but only on loopback, so a stray environment variable cannot
 * make a remote page trusted.
 */
export function trustedOrigins(options: { isPackaged: boolean; devServerUrl: string | undefined }): string[] {
  const origins = [KIOSK_ORIGIN];
  const devOrigin = options.isPackaged || !options.devServerUrl ? null : loopbackHttpOrigin(options.devServerUrl);
  if (devOrigin) origins.push(devOrigin);
  return origins;
}

function loopbackHttpOrigin(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'http:' || !loopback || parsed.username || parsed.password) return null;
  return parsed.origin;
}
