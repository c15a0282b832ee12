/**
 * A horizontal swipe on a touch screen, from pointer events (no library): a mostly sideways movement of at least
 * `SWIPE_MIN_PX` between finger down and finger up. Vertical movement stays a scroll.
 */
export const SWIPE_MIN_PX = 60;

export type SwipeDirection = 'left' | 'right';

/** The swipe a pointer made from (x0, y0) to (x1, y1), or null for a tap or a vertical movement. */
export function swipeBetween(x0: number, y0: number, x1: number, y1: number): SwipeDirection | null {
  const dx = x1 - x0;
  const dy = y1 - y0;
  if (Math.abs(dx) < SWIPE_MIN_PX || Math.abs(dx) < Math.abs(dy) * 1.5) return null;
  return dx < 0 ? 'left' : 'right';
}

/**
 * Watches one element for swipes (an attachment: `{@attach swipeable(onswipe)}`); returns its cleanup.
 * Only the first finger counts, and a cancelled pointer (the browser took over, e.g. to scroll) is no swipe.
 */
export function swipeable(onswipe: (direction: SwipeDirection) => void) {
  return (node: HTMLElement) => {
    let start: { id: number; x: number; y: number } | null = null;
    const down = (event: PointerEvent) => {
      if (start === null && event.isPrimary) start = { id: event.pointerId, x: event.clientX, y: event.clientY };
    };
    const up = (event: PointerEvent) => {
      if (start === null || event.pointerId !== start.id) return;
      const direction = swipeBetween(start.x, start.y, event.clientX, event.clientY);
      start = null;
      if (direction) onswipe(direction);
    };
    const cancel = () => (start = null);
    node.addEventListener('pointerdown', down);
    node.addEventListener('pointerup', up);
    node.addEventListener('pointercancel', cancel);
    return () => {
      node.removeEventListener('pointerdown', down);
      node.removeEventListener('pointerup', up);
      node.removeEventListener('pointercancel', cancel);
    };
  };
}
