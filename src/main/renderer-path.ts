/**
 * Maps a `kiosk://app/...` request to a file inside the built renderer folder. Pure (no electron, no disk access)
 * so that traversal attempts can be unit-tested; renderer-protocol.ts does the reading. The folder rule and the MIME
 * table are the ones the browser bridge uses too.
 */
import { resolveInsideFolder } from './core/static/static-file-paths';
import { KIOSK_HOST, KIOSK_SCHEME } from './trusted-sender';

export { contentTypeFor, RENDERER_ENTRY } from './core/static/static-file-paths';

/**
 * The absolute path of the file a request names, or null when it must be refused: another scheme or host,
 * credentials or a port, or a path the folder rule refuses (undecodable, NUL, backslash, `..`, outside the folder).
 */
export function resolveRendererFile(rootFolder: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${KIOSK_SCHEME}:` || url.host !== KIOSK_HOST || url.username || url.password) return null;
  return resolveInsideFolder(rootFolder, url.pathname);
}
