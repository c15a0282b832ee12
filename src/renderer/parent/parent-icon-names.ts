/** The icons ParentIcon.svelte draws (a plain module, so .ts files such as hub-sections.ts can name them). */
export type ParentIconName =
  | 'holds'
  | 'milk-flow'
  | 'pump'
  | 'learn'
  | 'timer'
  | 'help'
  | 'info'
  | 'done'
  | 'back'
  | 'next'
  | 'previous'
  | 'pause'
  | 'play'
  | 'phone'
  | 'attention';
