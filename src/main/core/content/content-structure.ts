/**
 * Checks a content pack against itself (references) and against the other languages (same ids, same structure).
 * Each problem names the section whose file caused it, so the loader can fall back to the built-in section.
 */
import type { ContentPack, ContentSection } from '../../../shared/content-types';

export interface SectionProblem {
  section: ContentSection;
  reason: string;
}

/** The pack fields each section file fills. */
export const SECTION_PARTS = {
  guides: ['guides'],
  letdown: ['letdownSlides'],
  tips: ['tips'],
  help: ['help'],
  timers: ['timerPresets', 'timerSafetyNotes'],
  about: ['about'],
} as const satisfies Record<ContentSection, readonly (keyof ContentPack)[]>;

/**
 * Every reference inside one pack points at something that exists. Merging by id never removes an item, so a broken
 * reference is always the fault of the section that holds it.
 */
export function checkReferences(pack: ContentPack, illustrations: ReadonlySet<string>): SectionProblem[] {
  const problems: SectionProblem[] = [];
  const presetIds = new Set(pack.timerPresets.map((preset) => preset.id));
  const noteIds = new Set(pack.timerSafetyNotes.map((note) => note.id));
  const picture = (section: ContentSection, where: string, file: string | undefined) => {
    if (file !== undefined && !illustrations.has(file)) {
      problems.push({ section, reason: `${where}: there is no illustration called "${file}"` });
    }
  };
  const preset = (section: ContentSection, where: string, id: string | undefined) => {
    if (id !== undefined && !presetIds.has(id)) {
      problems.push({ section, reason: `${where}: there is no timer preset called "${id}"` });
    }
  };
  for (const guide of pack.guides) {
    picture('guides', `guide "${guide.id}"`, guide.illustration);
    guide.steps.forEach((step, index) => picture('guides', `guide "${guide.id}" step ${index + 1}`, step.illustration));
    preset('guides', `guide "${guide.id}"`, guide.timerPresetId);
  }
  for (const tip of pack.tips) preset('tips', `tip "${tip.id}"`, tip.timerPresetId);
  for (const timer of pack.timerPresets) {
    for (const noteId of timer.safetyNoteIds) {
      if (!noteIds.has(noteId)) {
        problems.push({ section: 'timers', reason: `timer "${timer.id}": there is no safety note called "${noteId}"` });
      }
    }
  }
  const letdownKinds = pack.letdownSlides.map((slide) => slide.kind);
  if (!letdownKinds.includes('tips')) {
    problems.push({
      section: 'letdown',
      reason: 'the let-down deck needs one slide of kind "tips" to open the tip cards',
    });
  }
  return problems;
}

/** Keys whose values are the same in every language; every other string is translated text. */
const STRUCTURAL_KEYS = new Set([
  'id',
  'kind',
  'minutes',
  'illustration',
  'timerPresetId',
  'safetyNoteIds',
  'confirmBeforeStart',
  'writtenOn',
]);

/**
 * The first structural difference of one section between two languages, in plain words, or undefined when they match.
 * Text may differ; ids, kinds, counts, minutes, illustration names and which optional parts are present may not.
 */
export function compareSection(
  section: ContentSection,
  reference: ContentPack,
  other: ContentPack,
): string | undefined {
  for (const part of SECTION_PARTS[section]) {
    const difference = diff(reference[part], other[part], part, reference.language, other.language, false);
    if (difference) return difference;
  }
  return undefined;
}

function diff(
  a: unknown,
  b: unknown,
  path: string,
  langA: string,
  langB: string,
  structural: boolean,
): string | undefined {
  if (Array.isArray(a) && Array.isArray(b)) {
    const idsA = idsOf(a);
    const idsB = idsOf(b);
    if (idsA && idsB) {
      const missing = idsA.filter((id) => !idsB.includes(id));
      if (missing.length) return `${path}: "${missing.join('", "')}" is in ${langA} but missing in ${langB}`;
      const extra = idsB.filter((id) => !idsA.includes(id));
      if (extra.length) return `${path}: "${extra.join('", "')}" is in ${langB} but missing in ${langA}`;
      if (idsA.join() !== idsB.join()) return `${path}: the order differs between ${langA} and ${langB}`;
    }
    if (a.length !== b.length) return `${path}: ${a.length} items in ${langA}, ${b.length} in ${langB}`;
    for (let index = 0; index < a.length; index += 1) {
      const label = idsA ? `${path}["${idsA[index]}"]` : `${path}[${index}]`;
      const found = diff(a[index], b[index], label, langA, langB, structural);
      if (found) return found;
    }
    return undefined;
  }
  if (isObject(a) && isObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const where = `${path}.${key}`;
      if (!(key in b)) return `${where}: in ${langA} but missing in ${langB}`;
      if (!(key in a)) return `${where}: in ${langB} but missing in ${langA}`;
      const found = diff(a[key], b[key], where, langA, langB, STRUCTURAL_KEYS.has(key));
      if (found) return found;
    }
    return undefined;
  }
  if (typeof a === 'string' && typeof b === 'string' && !structural) return undefined;
  if (a !== b) return `${path}: ${JSON.stringify(a)} in ${langA}, ${JSON.stringify(b)} in ${langB}`;
  return undefined;
}

function idsOf(items: unknown[]): string[] | undefined {
  const ids = items.map((item) => (isObject(item) && typeof item.id === 'string' ? item.id : undefined));
  return ids.every((id): id is string => id !== undefined) && ids.length > 0 ? ids : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
