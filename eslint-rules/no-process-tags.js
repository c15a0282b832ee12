/**
 * Comments speak of the product, not of how a part was written: tracker numbers and notes on who wrote a part mean
 * nothing to a reader of this repository; its history holds them (the patterns below, and the tests, show the forms). Checks script comments and, in Svelte files,
 * HTML comments too.
 */
const PROCESS_TAGS = [/\bissues?\s*#?\d+/i, /\([^()]*\bhelpers?\s*\)/i, /\bhelper-\d+\b/i];

/** The first process tag in a comment's text, or null. */
export function findProcessTag(text) {
  for (const pattern of PROCESS_TAGS) {
    const match = pattern.exec(text);
    if (match) return match[0];
  }
  return null;
}

export default {
  meta: {
    type: 'suggestion',
    docs: { description: 'Comments describe the product: no issue numbers or notes about who wrote a part.' },
    schema: [],
  },
  create(context) {
    const source = context.sourceCode;
    const report = (loc, tag) =>
      context.report({ loc, message: `Process tag "${tag}" in a comment: say what the code does and why instead.` });
    return {
      'Program:exit'() {
        for (const comment of source.getAllComments()) {
          const tag = findProcessTag(comment.value);
          if (tag) report(comment.loc, tag);
        }
        if (!context.filename.endsWith('.svelte')) return;
        for (const match of source.text.matchAll(/<!--([\s\S]*?)-->/g)) {
          const tag = findProcessTag(match[1]);
          if (tag)
            report(
              {
                start: source.getLocFromIndex(match.index),
                end: source.getLocFromIndex(match.index + match[0].length),
              },
              tag,
            );
        }
      },
    };
  },
};
