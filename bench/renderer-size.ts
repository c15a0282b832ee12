import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Gzip size of the built renderer's JavaScript: the entry the room board and parent screens load (with the chunks it
 * preloads), and every other chunk (first-run setup, the admin area and its charts are split out). Measured at gzip
 * level 9, as a server or installer would ship it.
 */
export function measureRendererSize(rendererFolder: string): {
  entryKb: number;
  otherChunksKb: Record<string, number>;
} {
  const assets = join(rendererFolder, 'assets');
  const html = readFileSync(join(rendererFolder, 'index.html'), 'utf8');
  const entryName = /src="\/?(?:\.\/)?assets\/([^"]+\.js)"/.exec(html)?.[1];
  if (!entryName) throw new Error('index.html names no entry script');
  // Chunks the entry imports statically are preloaded with it: they are part of what the board waits for.
  const preloaded = [...html.matchAll(/rel="modulepreload"[^>]*href="\/?(?:\.\/)?assets\/([^"]+\.js)"/g)].map(
    (match) => match[1]!,
  );
  const startup = new Set([entryName, ...preloaded]);
  const kb = (file: string) => gzipSync(readFileSync(join(assets, file)), { level: 9 }).length / 1024;
  const otherChunksKb: Record<string, number> = {};
  for (const file of readdirSync(assets).filter((name) => name.endsWith('.js') && !startup.has(name))) {
    otherChunksKb[file] = kb(file);
  }
  return { entryKb: [...startup].reduce((sum, file) => sum + kb(file), 0), otherChunksKb };
}
