/**
 * A content pack published from the fleet's centre: one JSON document holding section files by language,
 * `{ "en": { "tips": <a tips.json> }, "es": { "tips": … } }`. Each section is checked with the same schema as the
 * shipped files and the hospital's overrides, and merged onto the built-in content by the same rules (same id
 * replaces, new id is added). Unlike an override it is all or nothing: a pack with any problem is refused whole,
 * since nobody stands at the kiosk to fix half of it, and the content shown before stays.
 */
import type { ContentPack } from '../../../shared/content-types';
import type { Language } from '../../../shared/domain';
import { CONTENT_SECTIONS } from './content-schema';
import { checkReferences, compareSection } from './content-structure';
import { mergePack, parseSection, type OverrideKey, type PackParts } from './section-parts';

/** A whole pack is a few tens of kilobytes; anything near this is a mistake (or not a pack). */
export const MAX_PUBLISHED_PACK_BYTES = 2 * 1024 * 1024;

export type PackCheck<L extends Language> =
  { ok: true; packs: Record<L, ContentPack>; sections: OverrideKey[] } | { ok: false; reason: string };

/** At most this many problems are named; the rest are counted. */
const NAMED_PROBLEMS = 3;

function refused<L extends Language>(problems: string[]): PackCheck<L> {
  const more = problems.length - NAMED_PROBLEMS;
  const named = problems.slice(0, NAMED_PROBLEMS).join('; ');
  return { ok: false, reason: more > 0 ? `${named}; and ${more} more` : named };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a published pack's text against the built-in packs and illustrations; answers the merged packs. */
export function checkPublishedPack<L extends Language>(
  text: string,
  builtIn: Record<L, ContentPack>,
  languages: readonly L[],
  illustrations: ReadonlySet<string>,
): PackCheck<L> {
  if (Buffer.byteLength(text, 'utf8') > MAX_PUBLISHED_PACK_BYTES) {
    return refused([`the pack is too large (over ${MAX_PUBLISHED_PACK_BYTES / 1024 / 1024} MB)`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return refused([`not valid JSON (${(error as Error).message})`]);
  }
  const shape = `a pack is { "<language>": { "<section>": <that section's file> } }, languages ${languages.join(', ')}, sections ${CONTENT_SECTIONS.join(', ')}`;
  if (!isObject(raw)) return refused([shape]);

  const problems: string[] = [];
  const parts = new Map<OverrideKey, PackParts>();
  for (const [language, sections] of Object.entries(raw)) {
    if (!languages.includes(language as L)) {
      problems.push(`"${language}" is not a language this kiosk shows (${shape})`);
      continue;
    }
    if (!isObject(sections)) {
      problems.push(`${language}: expected an object of sections (${shape})`);
      continue;
    }
    for (const [section, file] of Object.entries(sections)) {
      const known = CONTENT_SECTIONS.find((name) => name === section);
      if (!known) {
        problems.push(
          `${language}/${section}: not a section this kiosk knows; use one of ${CONTENT_SECTIONS.join(', ')}`,
        );
        continue;
      }
      const parsed = parseSection(known, file);
      if (parsed.ok) parts.set(`${language as L}/${known}`, parsed.parts);
      else problems.push(`${language}/${section}: ${parsed.reason}`);
    }
  }
  if (problems.length > 0) return refused(problems);
  if (parts.size === 0) return refused([`the pack holds no content (${shape})`]);

  const packs = {} as Record<L, ContentPack>;
  for (const language of languages) packs[language] = mergePack(builtIn[language], language, parts);
  for (const language of languages) {
    for (const problem of checkReferences(packs[language], illustrations)) {
      problems.push(`${language}/${problem.section}: ${problem.reason}`);
    }
  }
  const [reference, ...others] = languages;
  for (const section of CONTENT_SECTIONS) {
    for (const language of others) {
      const difference = compareSection(section, packs[reference as L], packs[language]);
      if (difference)
        problems.push(`${section}: the languages do not match (${difference}); every language needs the same items`);
    }
  }
  return problems.length > 0 ? refused(problems) : { ok: true, packs, sections: [...parts.keys()] };
}
