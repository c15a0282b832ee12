/** Order statistics for benchmark samples (milliseconds). */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index]!;
}

export const median = (samples: readonly number[]): number => percentile(samples, 0.5);

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Times a synchronous or async function once, in milliseconds. */
export async function timeOnce(run: () => unknown): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}
