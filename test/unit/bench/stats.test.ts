import { pairedRatios, percentile, ratio, round, spread, summarize } from '../../../bench/stats';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles: every reported value was observed', () => {
    // Arrange
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);

    // Act / Assert
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
  });

  it('refuses an empty sample and a percentile outside (0, 100]', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('summarizes unsorted samples without changing them', () => {
    const samples = [5, 1, 4, 2, 3];

    const summary = summarize(samples);

    expect(summary).toEqual({ runs: 5, p50: 3, p95: 5, p99: 5, mean: 3, min: 1, max: 5 });
    expect(samples).toEqual([5, 1, 4, 2, 3]);
  });

  it('rounds to two decimals and divides by a floor', () => {
    expect(round(1.23456)).toBe(1.23);
    expect(round(1.23456, 3)).toBe(1.235);
    expect(ratio(25, 2.5)).toBe(10);
    expect(ratio(1, 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('gives the median and the middle half of a sample, as observed values', () => {
    expect(spread([9, 1, 8, 2, 7, 3, 6, 4, 5])).toEqual({ p25: 3, median: 5, p75: 7 });
  });

  it('pairs each value with the reference measured in its own round', () => {
    // Round 2 ran on a loaded machine (both slowed 4x); in round 3 only the reference hit a
    // load spike. Paired, two rounds of three say 1.5x; the ratio of the medians would say 0.4x.
    const values = [150, 600, 160];
    const references = [100, 400, 500];

    expect(pairedRatios(values, references)).toEqual({ p25: 0.32, median: 1.5, p75: 1.5 });
    expect(() => pairedRatios([1, 2], [1])).toThrow(RangeError);
  });
});
