/**
 * The built renderer's files, as both doors serve them: the app's `kiosk://app/…` protocol and the browser bridge.
 * One MIME table and one rule for what lies inside the folder, so the two cannot drift apart.
 */
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

export const RENDERER_ENTRY = 'index.html';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
};

/** Served with `X-Content-Type-Options: nosniff`, so an unknown type must not be guessed into something executable. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The absolute file a request path names inside `rootFolder`, or null when it must be refused. The raw path is
 * decoded once; an undecodable path, a NUL, a backslash (a second separator on Windows) or a `..` segment is refused
 * before anything else, and the resolved file must still lie inside the folder (a second guard, in case the first
 * misses a spelling). `/` names the entry page.
 */
export function resolveInsideFolder(rootFolder: string, rawPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (decoded === '') decoded = '/';
  if (!decoded.startsWith('/') || /[\\\0]/.test(decoded) || decoded.split('/').some((segment) => segment === '..')) {
    return null;
  }
  const root = resolve(rootFolder);
  const file = resolve(root, `.${decoded === '/' ? `/${RENDERER_ENTRY}` : decoded}`);
  const inside = relative(root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null;
  return file;
}
