import { percentile, ratio, round, summarize } from '../../../bench/stats';

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
});
