import { readFile, stat } from 'node:fs/promises';
import { resolveInsideFolder } from '../main/core/static/static-file-paths';

export { contentTypeFor } from '../main/core/static/static-file-paths';

export type StaticLookup = { kind: 'file'; file: string } | { kind: 'refused' } | { kind: 'missing' };

/** Maps a request path to a file inside the renderer folder (the same rule as the app's protocol), then the disk. */
export async function lookUpStaticFile(rendererDir: string, rawPath: string): Promise<StaticLookup> {
  const file = resolveInsideFolder(rendererDir, rawPath);
  if (!file) return { kind: 'refused' };
  try {
    const info = await stat(file);
    return info.isFile() ? { kind: 'file', file } : { kind: 'missing' };
  } catch {
    return { kind: 'missing' };
  }
}

export const readStaticFile = (file: string): Promise<Buffer> => readFile(file);
