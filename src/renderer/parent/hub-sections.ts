/**
 * The hub's menu: one large tile per section, in this order. This is the extension point: a new section (the
 * timers, for one) adds an entry here with its component, icon and words, and the hub shows its tile and screen.
 * There is no tile for something that does not exist yet.
 *
 * "I need help", "About this content", the language switch and "I'm done" belong to the hub itself, not here.
 */
import type { Component } from 'svelte';
import type { Messages } from '../lib/i18n/messages-en';
import LetdownDeck from './LetdownDeck.svelte';
import MoreGuides from './MoreGuides.svelte';
import type { ParentIconName } from './parent-icon-names';
import PositionGuides from './PositionGuides.svelte';
import type { ParentSession, SectionExports, SectionProps } from './section-types';
import TipCards from './TipCards.svelte';
// Timers.
import TimersSection from './timers/TimersSectionLoader.svelte';

export interface HubSection {
  /** Stable id; also the screen id recorded when help is asked for from the section's first screen. */
  id: string;
  icon: ParentIconName;
  /** The tile's name and the line under it, in the language on screen. */
  words: (t: Messages) => { title: string; hint: string };
  component: Component<SectionProps, SectionExports>;
  /** Leave out to offer the section in every session. */
  offeredFor?: (session: ParentSession) => boolean;
  /** Shown first in the menu for these sessions (the pumping guide for a pumping session). */
  firstFor?: (session: ParentSession) => boolean;
}

export const HUB_SECTIONS: readonly HubSection[] = [
  { id: 'positions', icon: 'holds', words: (t) => t.parent.sections.positions, component: PositionGuides },
  { id: 'letdown-help', icon: 'milk-flow', words: (t) => t.parent.sections.letdownHelp, component: TipCards },
  { id: 'learn', icon: 'learn', words: (t) => t.parent.sections.learn, component: LetdownDeck },
  {
    id: 'more',
    icon: 'pump',
    words: (t) => t.parent.sections.more,
    component: MoreGuides,
    firstFor: (session) => session.kind === 'pumping',
  },
  // Timers: warm compress, cool pack, massage warm-up, left and right, the session's clock.
  { id: 'timers', icon: 'timer', words: (t) => t.timers.section, component: TimersSection },
];

/** The sections this session offers, in menu order: the ones meant for this kind of session first. */
export function sectionsFor(session: ParentSession, sections: readonly HubSection[] = HUB_SECTIONS): HubSection[] {
  const offered = sections.filter((section) => section.offeredFor?.(session) ?? true);
  const first = offered.filter((section) => section.firstFor?.(session) ?? false);
  return [...first, ...offered.filter((section) => !first.includes(section))];
}
