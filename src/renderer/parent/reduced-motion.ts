/**
 * Whether the person (or the kiosk's set-up) asked for reduced motion. Reactive: read `.current` in an effect and it
 * re-runs when the preference changes. Where media queries are unavailable (tests without a stub) motion is allowed.
 */
import { MediaQuery } from 'svelte/reactivity';

const noPreference = { current: false } as const;

/** Call while a component is being set up (the query listens only while something reads it). */
export function reducedMotion(): { readonly current: boolean } {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return noPreference;
  return new MediaQuery('(prefers-reduced-motion: reduce)');
}
