import type { Writable } from 'node:stream';
import { readFlag } from '../main/core/data-folder';

/** Bad usage of a command-line tool: reported with the usage text and exit code 2. */
export class UsageError extends Error {}

/** Refuses options the tool does not know (a typo must not be silently ignored) and stray words. */
export function checkKnownFlags(argv: readonly string[], known: ReadonlySet<string>): void {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (!arg.startsWith('--')) throw new UsageError(`Unexpected argument "${arg}".`);
    const flag = arg.split('=')[0]!;
    if (!known.has(flag)) throw new UsageError(`Unknown option ${flag}.`);
    if (!arg.includes('=')) index++;
  }
}

/** `--name VALUE`, with readFlag's "needs a value" error turned into a usage error. */
export function flag(argv: readonly string[], name: string): string | undefined {
  try {
    return readFlag(argv, name);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A whole number within bounds, or undefined when the flag is absent. */
export function integerFlag(argv: readonly string[], name: string, min: number, max: number): number | undefined {
  const text = flag(argv, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max.toLocaleString('en-US')}.`);
  }
  return Number(text);
}

/** One of `choices`, or undefined when the flag is absent. */
export function choiceFlag<T extends string>(
  argv: readonly string[],
  name: string,
  choices: readonly T[],
): T | undefined {
  const text = flag(argv, name);
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text))
    throw new UsageError(`${name} must be ${new Intl.ListFormat('en', { type: 'disjunction' }).format(choices)}.`);
  return text as T;
}

/** Writes why a command failed and answers its exit code: 2, with the usage text, for bad usage; 1 otherwise. */
export function reportFailure(error: unknown, usage: string, stderr: Writable): number {
  if (error instanceof UsageError) {
    stderr.write(`${error.message}\n\n${usage}\n`);
    return 2;
  }
  stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
}
