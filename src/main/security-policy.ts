/**
 * Deny-by-default rules for every web contents and for the session: the kiosk page may not navigate away, open
 * windows, attach webviews, download, or be granted any permission (camera, microphone, notifications, USB, …).
 * The page needs none of them, so nothing is allow-listed.
 */
import { app, type Event, type Session, type WebContents } from 'electron';
import { originOf } from './trusted-sender';
import type { KioskLogger } from './core/logging/kiosk-logger';

function isTrustedUrl(url: string, trustedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && trustedOrigins.includes(origin);
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  session.on('will-download', (event) => event.preventDefault());
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on('select-serial-port', (event, _ports, _webContents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
}

/**
 * Navigation stays on our own origin (a full load of kiosk://app/index.html is harmless; anything else is refused),
 * and no new window, webview or unload prompt is ever allowed.
 */
export function hardenWebContents(
  contents: WebContents,
  trustedOrigins: readonly string[],
  logger: Pick<KioskLogger, 'warn'> = console,
): void {
  const refuseForeign = (event: Event, url: string) => {
    if (!isTrustedUrl(url, trustedOrigins)) {
      event.preventDefault();
      logger.warn?.(`kiosk: refused navigation to ${url.slice(0, 200)}`);
    }
  };
  contents.on('will-navigate', (event) => refuseForeign(event, event.url));
  // Sub-frames are already shut out by the CSP (frame-src 'none'); this is the second lock.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) refuseForeign(event, event.url);
  });
  contents.on('will-redirect', (event) => refuseForeign(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Applies hardenWebContents to every web contents the app will ever create, including ones made by Chromium. */
export function hardenAllWebContents(
  trustedOrigins: readonly string[],
  logger: Pick<KioskLogger, 'warn'> = console,
): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, trustedOrigins, logger));
}
