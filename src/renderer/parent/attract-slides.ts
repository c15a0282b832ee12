/**
 * What the room board shows when nobody has touched it for a while: the let-down deck's words with the seven tip
 * cards in place of the slide that opens them. Titles and bodies only; the full slides, with their help blocks, are
 * in the parent's hub.
 */
import type { ContentPack } from '../../shared/content-types';

export interface AttractSlide {
  id: string;
  title: string;
  body: string;
}

export function attractSlides(pack: ContentPack): AttractSlide[] {
  return pack.letdownSlides.flatMap((slide) =>
    slide.kind === 'tips'
      ? pack.tips.map(({ id, title, body }) => ({ id, title, body }))
      : [{ id: slide.id, title: slide.title, body: slide.body }],
  );
}
