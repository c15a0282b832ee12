/**
 * Loads the parent-facing content packs: the built-in files shipped in resources/content, then the content pack the
 * hospital published from the fleet's centre (if this kiosk accepted one), then any hospital override dropped in
 * <dataFolder>/content/<lang>/<section>.json.
 *
 * A broken built-in file is a bug in the app, so it throws. A broken override is a hospital's editing mistake: it is
 * reported as a problem for staff and the built-in section is shown instead, so a parent never sees a blank screen.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ContentPack, ContentProblem, ContentSection } from '../../../shared/content-types';
import type { Language } from '../../../shared/domain';
import { CONTENT_SECTIONS } from './content-schema';
import { checkReferences, compareSection } from './content-structure';
import { checkPublishedPack } from './published-pack';
import { mergePack, parseSection, type OverrideKey, type PackParts } from './section-parts';

export { mergeById } from './section-parts';

export interface LoadContentOptions<L extends Language> {
  /** Folder with <lang>/<section>.json, e.g. resources/content. */
  builtInFolder: string;
  /** Folder a hospital may fill with <lang>/<section>.json, e.g. <dataFolder>/content. May be missing. */
  overrideFolder?: string;
  languages: readonly L[];
  /** Folder of the SVG files guides name; defaults to "illustrations" beside builtInFolder. */
  illustrationsFolder?: string;
  /** The text of a content pack published from the fleet's centre (published-pack.ts), already accepted once. */
  publishedPack?: string;
}

export interface LoadedContent<L extends Language> {
  packs: Record<L, ContentPack>;
  problems: ContentProblem[];
}

/** Thrown when a built-in file is broken: the app must not start with content nobody checked. */
export class BuiltInContentError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`Built-in content ${file}: ${reason}`);
    this.name = 'BuiltInContentError';
  }
}

/** Override files larger than this are refused; a real section is a few kilobytes. */
const MAX_OVERRIDE_BYTES = 512 * 1024;

export function loadContentPacks<L extends Language>(options: LoadContentOptions<L>): LoadedContent<L> {
  const { builtInFolder, overrideFolder, languages } = options;
  const illustrations = listIllustrations(options.illustrationsFolder ?? join(dirname(builtInFolder), 'illustrations'));

  const builtIn = {} as Record<L, ContentPack>;
  for (const language of languages) builtIn[language] = readBuiltInPack(builtInFolder, language);
  for (const language of languages) {
    const [problem] = checkReferences(builtIn[language], illustrations);
    if (problem) throw new BuiltInContentError(fileName(language, problem.section), problem.reason);
  }
  for (const section of CONTENT_SECTIONS) {
    const [reference, ...others] = languages;
    for (const language of others) {
      const difference = compareSection(section, builtIn[reference as L], builtIn[language]);
      if (difference) throw new BuiltInContentError(fileName(language, section), difference);
    }
  }

  const problems: ContentProblem[] = [];
  let base = builtIn;
  if (options.publishedPack !== undefined) {
    // Checked when it was accepted; checked again, since this version of the app may check more than the one that did.
    const checked = checkPublishedPack(options.publishedPack, builtIn, languages, illustrations);
    if (checked.ok) base = checked.packs;
    else
      problems.push({ file: PUBLISHED_PACK_LABEL, reason: `${checked.reason}. The built-in content is shown instead` });
  }
  if (!overrideFolder || !existsSync(overrideFolder)) return { packs: base, problems };
  const overrides = readOverrides(overrideFolder, languages, problems);
  return { packs: applyOverrides(base, overrides, languages, illustrations, problems), problems };
}

/** How staff see the published pack in the list of content problems. */
export const PUBLISHED_PACK_LABEL = 'content pack from the hospital database';

/**
 * Loads only the built-in packs and the illustrations' names: what a published pack is checked against (on the
 * kiosk, and by `fleet publish-content` before anything is published).
 */
export function loadBuiltInContent<L extends Language>(
  options: Pick<LoadContentOptions<L>, 'builtInFolder' | 'languages' | 'illustrationsFolder'>,
): { packs: Record<L, ContentPack>; illustrations: ReadonlySet<string> } {
  const { packs } = loadContentPacks({
    builtInFolder: options.builtInFolder,
    languages: options.languages,
    illustrationsFolder: options.illustrationsFolder,
  });
  const illustrations = listIllustrations(
    options.illustrationsFolder ?? join(dirname(options.builtInFolder), 'illustrations'),
  );
  return { packs, illustrations };
}

function readBuiltInPack(folder: string, language: Language): ContentPack {
  const pack = { language } as ContentPack;
  for (const section of CONTENT_SECTIONS) {
    const file = fileName(language, section);
    const raw = readJson(join(folder, language, `${section}.json`));
    if (!raw.ok) throw new BuiltInContentError(file, raw.reason);
    const parsed = parseSection(section, raw.value);
    if (!parsed.ok) throw new BuiltInContentError(file, parsed.reason);
    Object.assign(pack, parsed.parts);
  }
  return pack;
}

function readOverrides(
  folder: string,
  languages: readonly Language[],
  problems: ContentProblem[],
): Map<OverrideKey, PackParts> {
  const found = new Map<OverrideKey, PackParts>();
  for (const entry of readdirSync(folder)) {
    if (entry.endsWith('.json')) {
      problems.push({ file: entry, reason: 'content files go in a language folder, for example "en/guides.json"' });
    }
  }
  for (const language of languages) {
    const languageFolder = join(folder, language);
    if (!existsSync(languageFolder) || !statSync(languageFolder).isDirectory()) continue;
    for (const entry of readdirSync(languageFolder).sort()) {
      const file = `${language}/${entry}`;
      const section = CONTENT_SECTIONS.find((name) => `${name}.json` === entry);
      if (!section) {
        if (entry.endsWith('.json')) {
          const known = CONTENT_SECTIONS.map((name) => `${name}.json`).join(', ');
          problems.push({ file, reason: `not a content file this kiosk knows; use one of ${known}` });
        }
        continue;
      }
      const raw = readJson(join(languageFolder, entry));
      const parsed = raw.ok ? parseSection(section, raw.value) : raw;
      if (parsed.ok) found.set(`${language}/${section}`, parsed.parts);
      else problems.push({ file, reason: `${parsed.reason}. The built-in ${section} content is shown instead` });
    }
  }
  return found;
}

/**
 * Merges valid overrides into copies of the built-in packs, then drops any override whose result breaks a reference
 * or makes the languages differ, until what is left is consistent. Dropping only ever goes back to the base content
 * (built-in, or built-in with the published pack), which was checked above, so the loop ends.
 */
function applyOverrides<L extends Language>(
  base: Record<L, ContentPack>,
  overrides: Map<OverrideKey, PackParts>,
  languages: readonly L[],
  illustrations: ReadonlySet<string>,
  problems: ContentProblem[],
): Record<L, ContentPack> {
  const active = new Map(overrides);
  const drop = (key: OverrideKey, reason: string) => {
    active.delete(key);
    const section = key.split('/')[1] as ContentSection;
    problems.push({ file: `${key}.json`, reason: `${reason}. The built-in ${section} content is shown instead` });
  };
  for (;;) {
    const packs = {} as Record<L, ContentPack>;
    for (const language of languages) {
      packs[language] = mergePack(base[language], language, active);
    }
    let dropped = false;
    for (const language of languages) {
      for (const problem of checkReferences(packs[language], illustrations)) {
        const key: OverrideKey = `${language}/${problem.section}`;
        if (active.has(key)) {
          drop(key, problem.reason);
          dropped = true;
        }
      }
    }
    if (dropped) continue;
    for (const section of CONTENT_SECTIONS) {
      const [reference, ...others] = languages;
      const differences = others
        .map((language) => compareSection(section, packs[reference as L], packs[language]))
        .filter((difference): difference is string => difference !== undefined);
      if (differences.length === 0) continue;
      const reason = `the languages no longer match (${differences[0]}); every language needs the same items`;
      for (const language of languages) {
        const key: OverrideKey = `${language}/${section}`;
        if (active.has(key)) {
          drop(key, reason);
          dropped = true;
        }
      }
    }
    if (!dropped) return packs;
  }
}

function readJson(path: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  let text: string;
  try {
    if (statSync(path).size > MAX_OVERRIDE_BYTES) return { ok: false, reason: 'the file is too large (over 512 kB)' };
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'the file is missing' : `the file cannot be read (${code})` };
  }
  try {
    // Windows editors often save UTF-8 with a byte-order mark, which JSON.parse refuses.
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${(error as Error).message})` };
  }
}

function listIllustrations(folder: string): Set<string> {
  if (!existsSync(folder)) return new Set();
  return new Set(readdirSync(folder).filter((name) => name.endsWith('.svg')));
}

function fileName(language: Language, section: ContentSection): string {
  return `${language}/${section}.json`;
}
