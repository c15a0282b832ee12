/**
 * One section file's parts of a pack, and how they merge into a pack: shared by hospital overrides and by content
 * packs published from the fleet's centre, so both follow exactly the same rules.
 */
import type { z } from 'zod';
import type { ContentPack, ContentSection } from '../../../shared/content-types';
import type { Language } from '../../../shared/domain';
import { CONTENT_SECTIONS, describeIssues, sectionFileSchemas } from './content-schema';
import { SECTION_PARTS } from './content-structure';

export type PackParts = Partial<Omit<ContentPack, 'language'>>;
export type ParsedSection = { ok: true; parts: PackParts } | { ok: false; reason: string };
/** A section of one language, e.g. "es/tips". */
export type OverrideKey = `${Language}/${ContentSection}`;

export function mergePack(base: ContentPack, language: Language, active: Map<OverrideKey, PackParts>): ContentPack {
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

export function parseSection(section: ContentSection, raw: unknown): ParsedSection {
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

function parsed<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  toParts: (file: z.output<S>) => PackParts,
): ParsedSection {
  const result = schema.safeParse(raw);
  return result.success
    ? { ok: true, parts: toParts(result.data) }
    : { ok: false, reason: describeIssues(result.error) };
}
