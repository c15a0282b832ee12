/**
 * An attachment for a screen's heading (`<h2 tabindex="-1" {@attach focusOnShow}>`): when a new screen appears,
 * keyboard and screen-reader users land on its title instead of on whatever was under the finger before.
 */
export function focusOnShow(node: HTMLElement): void {
  node.focus({ preventScroll: true });
}
