/**
 * Where `fleet publish-content` reads a pack from: a pack file (published-pack.ts's format), or a folder laid out
 * like a kiosk's overrides (<language>/<section>.json), gathered into one pack. Reading only: the pack's checks are
 * checkPublishedPack's, the same the kiosks make.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_PUBLISHED_PACK_BYTES } from './published-pack';

/** The pack cannot be read as given; the sentence says what to fix. */
export class PackSourceError extends Error {}

function readText(file: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new PackSourceError(`Cannot read ${file} (${(error as NodeJS.ErrnoException).code}).`);
  }
  if (size > MAX_PUBLISHED_PACK_BYTES) {
    throw new PackSourceError(
      `${file} is too large for a content pack (over ${MAX_PUBLISHED_PACK_BYTES / 1024 / 1024} MB).`,
    );
  }
  return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
}

/** The pack's text: a file as it is (its bytes are what is hashed), a folder as one JSON document. */
export function readPackSource(path: string): string {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch (error) {
    throw new PackSourceError(`Cannot read ${path} (${(error as NodeJS.ErrnoException).code}).`);
  }
  if (!isFolder) return readText(path);
  const pack: Record<string, Record<string, unknown>> = {};
  for (const language of readdirSync(path).sort()) {
    const folder = join(path, language);
    if (!statSync(folder).isDirectory()) {
      throw new PackSourceError(`${folder}: a pack folder holds only language folders, for example "en/tips.json".`);
    }
    pack[language] = {};
    for (const entry of readdirSync(folder).sort()) {
      const file = join(folder, entry);
      if (!entry.endsWith('.json') || !statSync(file).isFile()) {
        throw new PackSourceError(`${file}: a language folder holds only section files, for example "tips.json".`);
      }
      try {
        pack[language][entry.slice(0, -'.json'.length)] = JSON.parse(readText(file));
      } catch (error) {
        if (error instanceof PackSourceError) throw error;
        throw new PackSourceError(`${file} is not valid JSON (${(error as Error).message}).`);
      }
    }
  }
  return `${JSON.stringify(pack, null, 2)}\n`;
}
