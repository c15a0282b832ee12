/**
 * The renderer's Content-Security-Policy: the one source for the Electron shell (src/main/renderer-files.ts sends it
 * as a response header) and the browser bridge (src/bridge/bridge-server.ts). A header, not a <meta> tag, so that
 * frame-ancestors applies and a page cannot drop it.
 *
 * No 'unsafe-inline' anywhere: Svelte 5 builds its CSS into files and sets dynamic styles through the CSSOM
 * (element.style), which CSP does not restrict. A static `style="..."` attribute in markup would be blocked, so
 * components use classes instead. `data:` is allowed for images and fonts only because Vite inlines small assets
 * as data URLs.
 */
export const KIOSK_CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'media-src': ["'self'"],
  'connect-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'worker-src': ["'none'"],
  'child-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export function buildContentSecurityPolicy(
  directives: Readonly<Record<string, readonly string[]>> = KIOSK_CSP_DIRECTIVES,
): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

export const KIOSK_CSP = buildContentSecurityPolicy();
