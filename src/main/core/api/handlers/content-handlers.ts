import type { FeatureHandlers, HandlerContext } from '../handler-types';

/** The parent's content packs and drawings, and what staff must know about a refused pack. */
export function contentHandlers({
  content,
}: HandlerContext): FeatureHandlers<'getContent' | 'getIllustrations' | 'getContentProblems'> {
  return {
    getContent: ({ language }) => content.pack(language),
    getIllustrations: () => content.illustrations(),
    getContentProblems: () => content.problems(),
  };
}
