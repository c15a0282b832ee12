/**
 * The shape of a content pack: what the parent reads on the kiosk (guides, let-down slides, tips, help, timers, about).
 * Types (and the list of guide kinds) only, so the renderer can import them; the zod schema that checks packs on load lives in
 * src/main/core/content/content-schema.ts and is compile-time checked against these types.
 *
 * Each language has one pack. Ids, kinds, counts, minutes and illustration file names are the same in every language;
 * only the text differs.
 */
import type { Language, TimerKind } from './domain';

export type { TimerKind } from './domain';

/** The JSON files of a pack, one per section: resources/content/<lang>/<section>.json. */
export type ContentSection = 'guides' | 'letdown' | 'tips' | 'help' | 'timers' | 'about';

/**
 * A "get help now" block. The renderer shows the heading, the signs, then the action
 * ("Tell your nurse now.") followed by the hospital's configured way to reach a nurse.
 */
export interface RedFlag {
  heading: string;
  signs: string[];
  action: string;
}

/**
 * What a guide is about. The holds section shows the feeding guides (position, latch, hand-expression); the
 * "pumping and more" section shows the rest.
 */
export const GUIDE_KINDS = [
  'position',
  'latch',
  'hand-expression',
  'pumping',
  'milk-care',
  'baby-care',
  'feelings',
] as const;
export type GuideKind = (typeof GUIDE_KINDS)[number];

export interface GuideStep {
  text: string;
  /** A file name in resources/illustrations, when a step has its own picture. */
  illustration?: string;
}

export interface Guide {
  /** Stable kebab-case id, the same in every language (also recorded in "guide-viewed" events). */
  id: string;
  kind: GuideKind;
  title: string;
  /** One line under the title. */
  summary: string;
  /** "This position may suit you if…" items. */
  suits: string[];
  /** 3 to 5 steps. */
  steps: GuideStep[];
  /** Calm safety lines shown with the steps (may be empty). */
  safety: string[];
  redFlag?: RedFlag;
  /** A file name in resources/illustrations, e.g. "cradle.svg". */
  illustration: string;
  /** A timer preset this guide offers, e.g. the hand-expression warm-up. */
  timerPresetId?: string;
}

/**
 * The let-down deck, in order: the reflex slides, a "tips" slide that opens the tip cards (tips.json),
 * the D-MER slides, then the closing message.
 */
export type LetdownSlideKind = 'reflex' | 'tips' | 'd-mer' | 'closing';

export interface LetdownSlide {
  id: string;
  kind: LetdownSlideKind;
  title: string;
  body: string;
  /** Short list items under the body (may be empty). */
  points: string[];
  redFlag?: RedFlag;
}

/** One of the seven things that help the let-down. */
export interface TipCard {
  id: string;
  title: string;
  body: string;
  points: string[];
  redFlag?: RedFlag;
  /** A timer preset the card offers (the warmth card offers the warm compress). */
  timerPresetId?: string;
}

export interface HelpContent {
  title: string;
  intro: string;
  parent: RedFlag;
  baby: RedFlag;
  closing: string;
}

/** `left-right` counts up per breast (no fixed length); the others count down from `minutes`. */

export interface TimerPreset {
  /** Stable id, recorded with the timer in the database. */
  id: string;
  kind: TimerKind;
  /** Whole minutes for countdown timers; null for the left-right timer. */
  minutes: number | null;
  label: string;
  description: string;
  /** Safety notes (ids in `timerSafetyNotes`) shown before the timer starts. */
  safetyNoteIds: string[];
}

/** Shared safety text for timers, written once and referenced by presets. */
export interface TimerSafetyNote {
  id: string;
  title: string;
  points: string[];
  /** When true the parent confirms "I have read this" before the timer starts. */
  confirmBeforeStart: boolean;
  redFlag?: RedFlag;
}

export interface ContentSource {
  id: string;
  name: string;
  /** What the kiosk took from it, in the pack's language. */
  topic: string;
}

export interface AboutContent {
  title: string;
  body: string[];
  /** Says the hospital's lactation team should review the content. */
  reviewNote: string;
  sources: ContentSource[];
  /** ISO date (YYYY-MM-DD) the text was written or last revised. */
  writtenOn: string;
}

/** One language's content, after built-in files and any hospital override are merged and checked. */
export interface ContentPack {
  language: Language;
  guides: Guide[];
  letdownSlides: LetdownSlide[];
  tips: TipCard[];
  help: HelpContent;
  timerPresets: TimerPreset[];
  timerSafetyNotes: TimerSafetyNote[];
  about: AboutContent;
}

/** A content file that could not be used; the built-in content is shown instead. */
export interface ContentProblem {
  /** Path relative to the content folder, e.g. "es/guides.json". */
  file: string;
  reason: string;
}
