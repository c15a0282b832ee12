/**
 * What the hub gives each of its sections (holds, tips, slides, timers...), and what a section may give back.
 * A section is a Svelte component with `SectionProps`; see hub-sections.ts for the list.
 */
import type { ContentPack } from '../../shared/content-types';
import type { ApiInput } from '../../shared/contract';
import type { NurseCallWay } from '../../shared/domain';
import type { SessionRef } from '../lib/navigation.svelte';

/** The events the parent's screens record (timer events are recorded by main itself). */
export type ParentEventType = ApiInput<'recordSessionEvent'>['type'];

/** The open session, as the nurse flow hands it to the hub. Nothing about the parent, ever. */
export type ParentSession = SessionRef;

/** How a parent reaches a nurse here, in the current language (from the kiosk's settings). */
export interface NurseContact {
  helpText: string;
  nurseCall: NurseCallWay;
  phoneExtension: string;
}

/** A session event's small detail: a few short fields. */
export type EventDetail = Record<string, string | number | boolean>;

export interface SectionProps {
  session: ParentSession;
  /** The pack in the language the parent is reading now; it changes when they switch. */
  content: ContentPack;
  /** Guide illustrations by file name, already checked (drawing only) and ready to inline. */
  illustrations: Record<string, string>;
  nurseContact: NurseContact;
  /** Record a usage event against the session. Never throws, never waits: failures are logged quietly. */
  record: (type: ParentEventType, detail?: EventDetail) => void;
  /** Say which screen is showing (e.g. "guide:cradle"), so "I need help" can record where it was asked from. */
  onscreen: (screenId: string) => void;
  /** Leave the section for the hub's menu. */
  onexit: () => void;
  /** False while "I need help" covers the section: anything that moves on its own should wait. */
  active: boolean;
  /**
   * Open the Timers section at a preset: guides and tip cards that name a `timerPresetId` offer it.
   * Left out where there are no timers (then those buttons do not show).
   */
  opentimer?: (presetId: string) => void;
}

/**
 * A section may export `back()`: the header's Back button calls it first. It answers true when it went back a step
 * inside the section, false when it is at its start (then the hub shows its menu).
 */
export interface SectionExports {
  back?: () => boolean;
}
