/**
 * Loads the parent-facing content packs: the built-in files shipped in resources/content, then any hospital override
 * dropped in <dataFolder>/content/<lang>/<section>.json.
 *
 * A broken built-in file is a bug in the app, so it throws. A broken override is a hospital's editing mistake: it is
 * reported as a problem for staff and the built-in section is shown instead, so a parent never sees a blank screen.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { z } from 'zod';
import type { ContentPack, ContentProblem, ContentSection } from '../../../shared/content-types';
import type { Language } from '../../../shared/domain';
import { CONTENT_SECTIONS, describeIssues, sectionFileSchemas } from './content-schema';
import { checkReferences, compareSection, SECTION_PARTS } from './content-structure';

export interface LoadContentOptions<L extends Language> {
  /** Folder with <lang>/<section>.json, e.g. resources/content. */
  builtInFolder: string;
  /** Folder a hospital may fill with <lang>/<section>.json, e.g. <dataFolder>/content. May be missing. */
  overrideFolder?: string;
  languages: readonly L[];
  /** Folder of the SVG files guides name; defaults to "illustrations" beside builtInFolder. */
  illustrationsFolder?: string;
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

type PackParts = Partial<Omit<ContentPack, 'language'>>;
type Parsed = { ok: true; parts: PackParts } | { ok: false; reason: string };

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

  if (!overrideFolder || !existsSync(overrideFolder)) return { packs: builtIn, problems: [] };
  const problems: ContentProblem[] = [];
  const overrides = readOverrides(overrideFolder, languages, problems);
  return { packs: applyOverrides(builtIn, overrides, languages, illustrations, problems), problems };
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

type OverrideKey = `${Language}/${ContentSection}`;

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
 * or makes the languages differ, until what is left is consistent. Dropping only ever goes back to built-in content,
 * which was checked above, so the loop ends.
 */
function applyOverrides<L extends Language>(
  builtIn: Record<L, ContentPack>,
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
      packs[language] = mergePack(builtIn[language], language, active);
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

function mergePack(base: ContentPack, language: Language, active: Map<OverrideKey, PackParts>): ContentPack {
  const pack: ContentPack = { ...base };
  for (const section of CONTENT_SECTIONS) {
    const parts = active.get(`${language}/${section}`);
    if (!parts) continue;
    for (const part of SECTION_PARTS[section]) {
      const value = parts[part];
      if (value === undefined) continue;
      // List sections merge by id (same id replaces, new id is added at the end); single objects are replaced.
      Object.assign(pack, { [part]: Array.isArray(value) ? mergeById(base[part] as { id: string }[], value) : value });
    }
  }
  return pack;
}

export function mergeById<T extends { id: string }>(base: readonly T[], override: readonly T[]): T[] {
  const byId = new Map(override.map((item) => [item.id, item]));
  const merged = base.map((item) => byId.get(item.id) ?? item);
  const known = new Set(base.map((item) => item.id));
  return [...merged, ...override.filter((item) => !known.has(item.id))];
}

function parseSection(section: ContentSection, raw: unknown): Parsed {
  switch (section) {
    case 'guides':
      return parsed(sectionFileSchemas.guides, raw, (file) => ({ guides: file.guides }));
    case 'letdown':
      return parsed(sectionFileSchemas.letdown, raw, (file) => ({ letdownSlides: file.slides }));
    case 'tips':
      return parsed(sectionFileSchemas.tips, raw, (file) => ({ tips: file.tips }));
    case 'help':
      return parsed(sectionFileSchemas.help, raw, (file) => ({ help: file }));
    case 'timers':
      return parsed(sectionFileSchemas.timers, raw, (file) => ({
        timerPresets: file.presets,
        timerSafetyNotes: file.safetyNotes,
      }));
    case 'about':
      return parsed(sectionFileSchemas.about, raw, (file) => ({ about: file }));
  }
}

function parsed<S extends z.ZodType>(schema: S, raw: unknown, toParts: (file: z.output<S>) => PackParts): Parsed {
  const result = schema.safeParse(raw);
  return result.success
    ? { ok: true, parts: toParts(result.data) }
    : { ok: false, reason: describeIssues(result.error) };
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
