/**
 * The two scale helpers the report's charts need, instead of d3-scale: counts and shares map linearly from 0 to a
 * "nice" maximum, with a few round tick values for the axis and grid lines.
 */

/** A round step (1, 2 or 5 × a power of ten) giving about `count` intervals up to `max`; at least 1 for counts. */
export function niceStep(max: number, count = 4, integer = true): number {
  if (!(max > 0)) return 1;
  const raw = max / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  const step = (residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1) * magnitude;
  return integer ? Math.max(1, Math.round(step)) : step;
}

/** Tick values from 0 up to the first step at or above `max` (so the tallest bar fits under the top line). */
export function niceTicks(max: number, count = 4, integer = true): number[] {
  const step = niceStep(max, count, integer);
  const top = Math.max(step, Math.ceil(max / step - 1e-9) * step);
  const ticks: number[] = [];
  // Rounding each tick keeps 0.1 × 3 from printing as 0.30000000000000004.
  for (let index = 0; index * step <= top + step / 1e6; index++) ticks.push(Number((index * step).toPrecision(12)));
  return ticks;
}

/** A linear map from [0, domainMax] onto [rangeStart, rangeEnd]; a zero domain maps everything to rangeStart. */
export function linearScale(domainMax: number, rangeStart: number, rangeEnd: number): (value: number) => number {
  if (!(domainMax > 0)) return () => rangeStart;
  const factor = (rangeEnd - rangeStart) / domainMax;
  return (value) => rangeStart + Math.min(Math.max(value, 0), domainMax) * factor;
}
