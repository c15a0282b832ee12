import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentPack, ContentProblem } from '../../../shared/content-types';
import { LANGUAGES, type Language } from '../../../shared/domain';
import { loadContentPacks } from './load-content';

export interface ContentLibrary {
  pack(language: Language): ContentPack;
  /** Guide illustrations by file name, as SVG markup the renderer inlines (so lines follow the day/night colour). */
  illustrations(): Record<string, string>;
  /** Override files that could not be used, for staff in the admin area. */
  problems(): ContentProblem[];
}

/**
 * Loads the packs once, when the kiosk opens: the built-in content under <resources>/content and any hospital
 * override under <dataFolder>/content. Illustrations are read once too; they are small and never change at run time.
 */
export function openContentLibrary(resourcesFolder: string, dataFolder: string): ContentLibrary {
  const loaded = loadContentPacks({
    builtInFolder: join(resourcesFolder, 'content'),
    overrideFolder: join(dataFolder, 'content'),
    languages: LANGUAGES,
    illustrationsFolder: join(resourcesFolder, 'illustrations'),
  });
  const illustrationsFolder = join(resourcesFolder, 'illustrations');
  const illustrations = Object.fromEntries(
    readdirSync(illustrationsFolder)
      .filter((name) => name.endsWith('.svg'))
      .map((name) => [name, readFileSync(join(illustrationsFolder, name), 'utf8')]),
  );
  return {
    pack: (language) => loaded.packs[language],
    illustrations: () => illustrations,
    problems: () => loaded.problems,
  };
}
