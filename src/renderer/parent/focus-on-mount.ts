/**
 * An attachment for a screen's heading (`<h2 tabindex="-1" {@attach focusOnMount}>`): when a new screen appears,
 * keyboard and screen-reader users start at its title, not at a button that is gone.
 */
export function focusOnMount(node: HTMLElement): void {
  node.focus({ preventScroll: true });
}
