import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
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

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticLookup = { kind: 'file'; file: string } | { kind: 'refused' } | { kind: 'missing' };

/**
 * Maps a request path to a file inside the renderer folder. The raw path is decoded once and any `..` segment,
 * backslash or NUL is refused outright, before touching the disk; the resolved file must still lie inside the folder
 * (a second guard, in case the first misses a spelling).
 */
export async function lookUpStaticFile(rendererDir: string, rawPath: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'refused' };
  }
  if (!decoded.startsWith('/') || /[\\\0]/.test(decoded) || decoded.split('/').some((segment) => segment === '..')) {
    return { kind: 'refused' };
  }
  const root = resolve(rendererDir);
  const file = resolve(root, `.${decoded === '/' ? '/index.html' : decoded}`);
  if (!file.startsWith(root + sep)) return { kind: 'refused' };
  try {
    const info = await stat(file);
    return info.isFile() ? { kind: 'file', file } : { kind: 'missing' };
  } catch {
    return { kind: 'missing' };
  }
}

export const readStaticFile = (file: string): Promise<Buffer> => readFile(file);
