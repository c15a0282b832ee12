/**
 * Answers requests for the built renderer from disk, with the kiosk's security headers. Plain Node (fetch's
 * Request/Response and fs), so it is tested against real files; renderer-protocol.ts plugs it into protocol.handle.
 */
import * as fs from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { KIOSK_CSP } from '../shared/content-security-policy';
import { contentTypeFor, resolveRendererFile } from './renderer-path';

export const RENDERER_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': KIOSK_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

// The callback API, promisified: in the packaged app the renderer sits inside app.asar, and Electron's asar support
// has always covered fs.readFile / fs.stat / fs.realpath.
const readFile = promisify(fs.readFile);
const realpath = promisify(fs.realpath);
const stat = promisify(fs.stat);

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...RENDERER_SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/** Serves one GET or HEAD request for `kiosk://app/…` from `rendererFolder` (out/renderer); anything else is refused. */
export async function serveRendererRequest(rendererFolder: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  const file = resolveRendererFile(rendererFolder, request.url);
  if (!file) return plain(404, 'Not found');
  try {
    // The resolver checked the path as written; a symlink inside the folder could still lead out of it.
    const [realRoot, realFile] = await Promise.all([realpath(rendererFolder), realpath(file)]);
    const inside = relative(realRoot, realFile);
    if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
      return plain(404, 'Not found');
    }
    if (!(await stat(realFile)).isFile()) return plain(404, 'Not found');
    const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(realFile));
    return new Response(body, {
      status: 200,
      headers: { ...RENDERER_SECURITY_HEADERS, 'Content-Type': contentTypeFor(realFile) },
    });
  } catch {
    return plain(404, 'Not found');
  }
}
