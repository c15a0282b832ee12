/**
 * The last content pack this kiosk accepted from the fleet's centre, kept in its data folder (content-pack.json) so it
 * is shown offline and after a restart. Written whole or not at all: a temp file beside it, synced, renamed over it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { partialPathBeside, replaceDurably } from '../reliability/durable-files';

export const PUBLISHED_PACK_FILE = 'content-pack.json';

const storedPackSchema = z.strictObject({
  version: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  publishedAt: z.iso.datetime({ offset: true }),
  publishedBy: z.string().min(1).max(200),
  /** The pack's exact text, as published: its SHA-256 is checked against `sha256` at every start. */
  pack: z.string(),
});

export type PublishedPack = z.output<typeof storedPackSchema>;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function publishedPackPath(dataFolder: string): string {
  return join(dataFolder, PUBLISHED_PACK_FILE);
}

/** The stored pack, null when there is none, or a sentence saying why it cannot be used. */
export function readPublishedPack(dataFolder: string): PublishedPack | null | { problem: string } {
  const file = publishedPackPath(dataFolder);
  if (!existsSync(file)) return null;
  try {
    const parsed = storedPackSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) {
      if (sha256Hex(parsed.data.pack) === parsed.data.sha256) return parsed.data;
      return { problem: `${file} was changed after it was stored (its SHA-256 does not match)` };
    }
  } catch {
    // Unreadable or not JSON: the same answer as a file of the wrong shape.
  }
  return { problem: `${file} is damaged` };
}

export function writePublishedPack(dataFolder: string, pack: PublishedPack): void {
  const file = publishedPackPath(dataFolder);
  const partial = partialPathBeside(file);
  writeFileSync(partial, JSON.stringify(storedPackSchema.parse(pack)));
  replaceDurably(partial, file);
}
