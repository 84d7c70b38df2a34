/** Latency arithmetic for the bench: nearest-rank percentiles over raw samples (ms). */

export interface Distribution {
  runs: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

/**
 * Nearest-rank percentile of an ascending list: the smallest sample with at least p% of
 * the samples at or below it. No interpolation, so every reported value was observed.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('no samples');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  return nth(sorted, Math.ceil((p / 100) * sorted.length) - 1);
}

function nth(sorted: readonly number[], index: number): number {
  const value = sorted[index];
  if (value === undefined) throw new RangeError(`no sample at ${index} of ${sorted.length}`);
  return value;
}

export function summarize(samples: readonly number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    runs: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    mean: round(sum / sorted.length),
    min: round(nth(sorted, 0)),
    max: round(nth(sorted, sorted.length - 1)),
  };
}

/** Rounds to `digits` decimals (default 2): enough for milliseconds, stable in JSON. */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** `value / floor`, rounded to 2 decimals; Infinity when the floor is zero. */
export function ratio(value: number, floor: number): number {
  return floor > 0 ? round(value / floor) : Number.POSITIVE_INFINITY;
}

/** A sample's middle half: nearest-rank percentiles 25 and 75. */
export interface MiddleHalf {
  p25: number;
  p75: number;
}

/** A sample's median and middle half. */
export interface Spread extends MiddleHalf {
  median: number;
}

export function spread(samples: readonly number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p25: round(percentile(sorted, 25)), median: round(percentile(sorted, 50)), p75: round(percentile(sorted, 75)) };
}

/**
 * Paired ratios: each value over the reference measured in the same round (so both saw the
 * same machine load), then their spread. Steadier than the ratio of two medians when the
 * load drifts between rounds.
 */
export function pairedRatios(values: readonly number[], references: readonly number[]): Spread {
  if (values.length !== references.length) throw new RangeError(`${values.length} values but ${references.length} references`);
  return spread(values.map((value, round) => value / (references[round] as number)));
}
