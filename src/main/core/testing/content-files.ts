/** Paths and small helpers shared by the content tests. */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RESOURCES = fileURLToPath(new URL('../../../../resources', import.meta.url));
export const BUILT_IN_CONTENT = join(RESOURCES, 'content');
export const ILLUSTRATIONS = join(RESOURCES, 'illustrations');

export function readBuiltIn(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(BUILT_IN_CONTENT, file), 'utf8')) as Record<string, unknown>;
}

export function writeFile(folder: string, file: string, content: unknown): void {
  const path = join(folder, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
}

/** A copy of the shipped resources (content and illustrations) that a test may break. */
export function copyResources(folder: string): { content: string; illustrations: string } {
  cpSync(RESOURCES, folder, { recursive: true });
  return { content: join(folder, 'content'), illustrations: join(folder, 'illustrations') };
}
