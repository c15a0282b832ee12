/** What a screen may report about its own failures (the `reportProblem` method). Zod-free: the renderer imports it. */
export const PROBLEM_KINDS = ['error', 'unhandled-rejection'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];
export const MAX_PROBLEM_MESSAGE = 500;
export const MAX_PROBLEM_WHERE = 300;
export const MAX_PROBLEM_STACK = 4_000;
