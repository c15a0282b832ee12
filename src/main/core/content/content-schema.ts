/**
 * zod schemas for the content pack files in resources/content/<lang>/<section>.json and for hospital overrides.
 * Messages are written for the lactation consultant who edits the JSON, not for a developer.
 */
import { z } from 'zod';
import { LANGUAGES } from '../../../shared/domain';
import { GUIDE_KINDS } from '../../../shared/content-types';
import type {
  AboutContent,
  ContentPack,
  ContentSection,
  Guide,
  HelpContent,
  LetdownSlide,
  RedFlag,
  TimerPreset,
  TimerSafetyNote,
  TipCard,
} from '../../../shared/content-types';

export const CONTENT_SECTIONS = [
  'guides',
  'letdown',
  'tips',
  'help',
  'timers',
  'about',
] as const satisfies readonly ContentSection[];

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const itemId = z
  .string()
  .max(60, 'an id is at most 60 characters')
  .regex(KEBAB, 'an id uses lower-case letters, digits and single dashes, like "cross-cradle"');
const illustrationFile = z
  .string()
  .max(80, 'an illustration name is at most 80 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\.svg$/, 'an illustration is an .svg file name, like "cradle.svg"');

/** On-screen text: trimmed, not empty, bounded, no control characters (a stray tab or newline breaks layout). */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'text must not be empty')
    .max(max, `text is at most ${max} characters`)
    .regex(/^[^\p{Cc}]*$/u, 'text must not contain tabs, line breaks or other control characters');

const TITLE = 80;
const LINE = 200;
const PARAGRAPH = 400;

/** A list with a size range; `rule` says the range in words, e.g. "a guide has 3 to 5 steps". */
const list = <T extends z.ZodType>(item: T, min: number, max: number, rule: string) =>
  z.array(item).min(min, rule).max(max, rule);

/** Ids inside one list must be unique: merging by id would otherwise be ambiguous. */
const uniqueIds = <T extends { id: string }>(items: T[], ctx: z.core.$RefinementCtx<T[]>) => {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) {
      ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `the id "${item.id}" is used twice` });
    }
    seen.add(item.id);
  });
};

export const redFlagSchema = z.strictObject({
  heading: text(TITLE),
  signs: list(text(LINE), 1, 16, 'a red flag lists 1 to 16 signs'),
  action: text(LINE),
});

export const guideSchema = z.strictObject({
  id: itemId,
  kind: z.enum(GUIDE_KINDS),
  title: text(TITLE),
  summary: text(LINE),
  suits: list(text(LINE), 1, 6, 'a guide lists 1 to 6 "suits" lines'),
  steps: list(
    z.strictObject({ text: text(LINE), illustration: illustrationFile.optional() }),
    3,
    5,
    'a guide has 3 to 5 steps',
  ),
  safety: list(text(LINE), 0, 4, 'a guide has 0 to 4 safety lines'),
  redFlag: redFlagSchema.optional(),
  illustration: illustrationFile,
  timerPresetId: itemId.optional(),
});

export const letdownSlideSchema = z.strictObject({
  id: itemId,
  kind: z.enum(['reflex', 'tips', 'd-mer', 'closing']),
  title: text(TITLE),
  body: text(PARAGRAPH),
  points: list(text(LINE), 0, 6, 'a slide has 0 to 6 points'),
  redFlag: redFlagSchema.optional(),
});

export const tipCardSchema = z.strictObject({
  id: itemId,
  title: text(TITLE),
  body: text(PARAGRAPH),
  points: list(text(LINE), 0, 5, 'a tip card has 0 to 5 points'),
  redFlag: redFlagSchema.optional(),
  timerPresetId: itemId.optional(),
});

export const helpSchema = z.strictObject({
  title: text(TITLE),
  intro: text(PARAGRAPH),
  parent: redFlagSchema,
  baby: redFlagSchema,
  closing: text(PARAGRAPH),
});

export const timerPresetSchema = z
  .strictObject({
    id: itemId,
    kind: z.enum(['warm-compress', 'cool-pack', 'warm-up', 'left-right']),
    minutes: z
      .number()
      .int('minutes are whole numbers')
      .min(1, 'at least 1 minute')
      .max(30, 'at most 30 minutes')
      .nullable(),
    label: text(TITLE),
    description: text(PARAGRAPH),
    safetyNoteIds: list(itemId, 0, 4, 'a timer has 0 to 4 safety notes'),
  })
  .superRefine((preset, ctx) => {
    if ((preset.kind === 'left-right') !== (preset.minutes === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['minutes'],
        message: 'the left-right timer has "minutes": null; every other timer has a number of minutes',
      });
    }
    if (preset.kind === 'warm-compress' && preset.minutes !== null && preset.minutes > 10) {
      // Warm compresses are short applications; longer ones add burn risk for no benefit.
      ctx.addIssue({ code: 'custom', path: ['minutes'], message: 'a warm compress lasts at most 10 minutes' });
    }
  });

export const timerSafetyNoteSchema = z.strictObject({
  id: itemId,
  title: text(TITLE),
  points: list(text(LINE), 1, 6, 'a safety note has 1 to 6 points'),
  confirmBeforeStart: z.boolean(),
  redFlag: redFlagSchema.optional(),
});

export const aboutSchema = z.strictObject({
  title: text(TITLE),
  body: list(text(PARAGRAPH), 1, 5, 'the about text has 1 to 5 paragraphs'),
  reviewNote: text(PARAGRAPH),
  sources: list(
    z.strictObject({ id: itemId, name: text(LINE), topic: text(LINE) }),
    1,
    20,
    'the about text names 1 to 20 sources',
  ).superRefine(uniqueIds),
  writtenOn: z.iso.date('writtenOn is a date like "2026-11-29"'),
});

/** The JSON files: list sections wrap their items in a named array so the file is self-describing. */
export const sectionFileSchemas = {
  guides: z.strictObject({
    guides: list(guideSchema, 1, 30, 'a guides file has 1 to 30 guides').superRefine(uniqueIds),
  }),
  letdown: z.strictObject({
    slides: list(letdownSlideSchema, 1, 30, 'a let-down file has 1 to 30 slides').superRefine(uniqueIds),
  }),
  tips: z.strictObject({
    tips: list(tipCardSchema, 1, 20, 'a tips file has 1 to 20 tip cards').superRefine(uniqueIds),
  }),
  help: helpSchema,
  timers: z.strictObject({
    presets: list(timerPresetSchema, 1, 20, 'a timers file has 1 to 20 presets').superRefine(uniqueIds),
    safetyNotes: list(timerSafetyNoteSchema, 0, 20, 'a timers file has 0 to 20 safety notes').superRefine(uniqueIds),
  }),
  about: aboutSchema,
} as const satisfies Record<ContentSection, z.ZodType>;

export type SectionFile<S extends ContentSection> = z.output<(typeof sectionFileSchemas)[S]>;

export const contentPackSchema = z.strictObject({
  language: z.enum(LANGUAGES),
  guides: z.array(guideSchema),
  letdownSlides: z.array(letdownSlideSchema),
  tips: z.array(tipCardSchema),
  help: helpSchema,
  timerPresets: z.array(timerPresetSchema),
  timerSafetyNotes: z.array(timerSafetyNoteSchema),
  about: aboutSchema,
});

// Compile-time proof that the schemas and the shared types describe the same shapes, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShapes: [
  Same<z.output<typeof redFlagSchema>, RedFlag>,
  Same<z.output<typeof guideSchema>, Guide>,
  Same<z.output<typeof letdownSlideSchema>, LetdownSlide>,
  Same<z.output<typeof tipCardSchema>, TipCard>,
  Same<z.output<typeof helpSchema>, HelpContent>,
  Same<z.output<typeof timerPresetSchema>, TimerPreset>,
  Same<z.output<typeof timerSafetyNoteSchema>, TimerSafetyNote>,
  Same<z.output<typeof aboutSchema>, AboutContent>,
  Same<z.output<typeof contentPackSchema>, ContentPack>,
] = [true, true, true, true, true, true, true, true, true];
void sameShapes;

/** Turns zod issues into short plain sentences with a readable path, e.g. "guides[2].steps: a guide has 3 to 5 steps". */
export function describeIssues(error: z.ZodError, limit = 3): string {
  const lines = error.issues.slice(0, limit).map((issue) => {
    const where = formatPath(issue.path);
    return where ? `${where}: ${plainMessage(issue)}` : plainMessage(issue);
  });
  const more = error.issues.length - limit;
  return more > 0 ? `${lines.join('; ')}; and ${more} more` : lines.join('; ');
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}

function plainMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_type':
      if (issue.message.endsWith('received undefined')) return `missing (expected ${typeWord(issue.expected)})`;
      return `expected ${typeWord(issue.expected)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

function typeWord(expected: string): string {
  const words: Record<string, string> = {
    string: 'text',
    number: 'a number',
    boolean: 'true or false',
    array: 'a list [ ]',
    object: 'an object { }',
    null: 'null',
  };
  return words[expected] ?? expected;
}
