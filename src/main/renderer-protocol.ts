/**
 * Serves the built renderer on `kiosk://app/…` instead of file:// (file:// pages share one opaque origin with every
 * local file, and module scripts are refused there). The files and headers come from renderer-files.ts.
 */
import { protocol } from 'electron';
import { RENDERER_ENTRY } from './renderer-path';
import { serveRendererRequest } from './renderer-files';
import { KIOSK_ORIGIN, KIOSK_SCHEME } from './trusted-sender';

export const RENDERER_ENTRY_URL = `${KIOSK_ORIGIN}/${RENDERER_ENTRY}`;

/**
 * Must run before app 'ready'. standard: relative URLs and web storage behave as on https; secure: a secure
 * context; supportFetchAPI: the page may fetch its own content packs; codeCache: faster start. Deliberately neither
 * bypassCSP nor corsEnabled (the latter would let other origins read our files).
 */
export function registerKioskScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: KIOSK_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Call once the app is ready; the default session is the only one the kiosk uses. */
export function handleKioskProtocol(rendererFolder: string): void {
  protocol.handle(KIOSK_SCHEME, (request) => serveRendererRequest(rendererFolder, request));
}
