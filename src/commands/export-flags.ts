import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { localDateSchema } from '../shared/contract';
import { flag, UsageError } from './cli-args';

function date(argv: readonly string[], name: '--from' | '--to'): string {
  const text = flag(argv, name);
  if (text === undefined) throw new UsageError(`${name} is required: a date like 2026-03-31.`);
  if (!localDateSchema.safeParse(text).success) {
    throw new UsageError(`${name} must be a real date written YYYY-MM-DD, from 2000 to 2099 (got "${text}").`);
  }
  return text;
}

/** An export's `--from` and `--to`: real local dates, in order. */
export function dateRangeFlags(argv: readonly string[]): { from: string; to: string } {
  const from = date(argv, '--from');
  const to = date(argv, '--to');
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}.`);
  return { from, to };
}

/** An export's `--out`, resolved, in a folder that exists: refused before any work starts. */
export function outFileFlag(argv: readonly string[]): string {
  const outFlag = flag(argv, '--out');
  if (outFlag === undefined) throw new UsageError('--out is required: the file to write.');
  const out = resolve(outFlag);
  if (!existsSync(dirname(out)) || !statSync(dirname(out)).isDirectory()) {
    throw new UsageError(`Cannot write ${out}: the folder ${dirname(out)} does not exist.`);
  }
  return out;
}
