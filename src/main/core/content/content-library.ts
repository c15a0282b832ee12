import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentPack, ContentProblem } from '../../../shared/content-types';
import { LANGUAGES, type Language } from '../../../shared/domain';
import { loadBuiltInContent, loadContentPacks, PUBLISHED_PACK_LABEL } from './load-content';
import { checkPublishedPack } from './published-pack';
import { readPublishedPack } from './published-pack-store';

export interface ContentLibrary {
  pack(language: Language): ContentPack;
  /** Guide illustrations by file name, as SVG markup the renderer inlines (so lines follow the day/night colour). */
  illustrations(): Record<string, string>;
  /** Override files that could not be used, for staff in the admin area. */
  problems(): ContentProblem[];
  /** The version of the pack published from the fleet's centre shown now, or null (built-in content). */
  publishedVersionInUse(): number | null;
  /** Checks a published pack against this kiosk's built-in content, as loading it would; a sentence when refused. */
  checkPublishedPack(text: string): { ok: true } | { ok: false; reason: string };
}

/**
 * Loads the packs once, when the kiosk opens: the built-in content under <resources>/content, the pack published from
 * the fleet's centre that this kiosk last accepted (<dataFolder>/content-pack.json), and any hospital override under
 * <dataFolder>/content. A pack accepted while the kiosk runs is shown from its next start: the page keeps the packs
 * it loaded for its whole life and main starts timers from its own, so both must change together.
 * Illustrations are read once too; they are small and never change at run time.
 */
export function openContentLibrary(resourcesFolder: string, dataFolder: string): ContentLibrary {
  const folders = {
    builtInFolder: join(resourcesFolder, 'content'),
    languages: LANGUAGES,
    illustrationsFolder: join(resourcesFolder, 'illustrations'),
  };
  const stored = readPublishedPack(dataFolder);
  const usable = stored !== null && !('problem' in stored) ? stored : null;
  const loaded = loadContentPacks({
    ...folders,
    overrideFolder: join(dataFolder, 'content'),
    ...(usable ? { publishedPack: usable.pack } : {}),
  });
  const problems =
    stored !== null && 'problem' in stored
      ? [{ file: PUBLISHED_PACK_LABEL, reason: `${stored.problem}. The built-in content is shown instead` }]
      : [];
  problems.push(...loaded.problems);
  const refusedAtLoad = problems.some((problem) => problem.file === PUBLISHED_PACK_LABEL);
  let builtIn: ReturnType<typeof loadBuiltInContent<Language>> | undefined;
  const illustrationsFolder = folders.illustrationsFolder;
  const illustrations = Object.fromEntries(
    readdirSync(illustrationsFolder)
      .filter((name) => name.endsWith('.svg'))
      .map((name) => [name, readFileSync(join(illustrationsFolder, name), 'utf8')]),
  );
  return {
    pack: (language) => loaded.packs[language],
    illustrations: () => illustrations,
    problems: () => problems,
    publishedVersionInUse: () => (usable && !refusedAtLoad ? usable.version : null),
    checkPublishedPack(text) {
      builtIn ??= loadBuiltInContent(folders);
      const checked = checkPublishedPack(text, builtIn.packs, LANGUAGES, builtIn.illustrations);
      return checked.ok ? { ok: true } : { ok: false, reason: checked.reason };
    },
  };
}
