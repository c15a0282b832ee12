/**
 * Maps a `kiosk://app/...` request to a file inside the built renderer folder. Pure (no electron, no disk access)
 * so that traversal attempts can be unit-tested; renderer-protocol.ts does the reading.
 */
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { KIOSK_HOST, KIOSK_SCHEME } from './trusted-sender';

export const RENDERER_ENTRY = 'index.html';

/**
 * The absolute path of the file a request names, or null when it must be refused: another scheme or host,
 * credentials or a port, an undecodable or NUL-carrying path, backslashes (a second separator on Windows), or any
 * path that resolves outside `rootFolder`. `/` serves the entry page.
 */
export function resolveRendererFile(rootFolder: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${KIOSK_SCHEME}:` || url.host !== KIOSK_HOST || url.username || url.password) return null;

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '' || pathname === '/') pathname = `/${RENDERER_ENTRY}`;

  const root = resolve(rootFolder);
  const file = resolve(root, `.${pathname}`);
  const inside = relative(root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null;
  return file;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
};

/** Served with `X-Content-Type-Options: nosniff`, so an unknown type must not be guessed into something executable. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
