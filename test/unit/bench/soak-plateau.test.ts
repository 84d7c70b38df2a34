import { lateGrowth, PLATEAU_BYTES, type SoakSample, sampleSchedule, slope } from '../../../bench/soak-plateau';

const MB = 1024 * 1024;

/** A sample with the given RSS parts (MB); the heap flat. */
function sample(confirmations: number, anonMb: number, fileMb: number): SoakSample {
  return {
    confirmations,
    rss: (anonMb + fileMb) * MB,
    rssAnon: anonMb * MB,
    rssFile: fileMb * MB,
    heapUsed: 37 * MB,
    heapTotal: 175 * MB,
    external: 7 * MB,
    arrayBuffers: 3 * MB,
  };
}

/** The last half of a 10,000 run sampled every 100, as sampleSchedule takes it. */
const LATE = Array.from({ length: 51 }, (_, i) => 5_000 + i * 100);

describe('the soak plateau judgement', () => {
  it('samples every 5% through warm-up and every 1% through the last half, ending on the last confirmation', () => {
    const points = sampleSchedule(10_000);

    expect(points.slice(0, 11)).toEqual([500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000, 5100]);
    expect(points.filter((p) => p >= 5_000)).toEqual(LATE);
    expect(sampleSchedule(40)).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20, ...Array.from({ length: 20 }, (_, i) => 21 + i)]);
    expect(sampleSchedule(25)).toEqual([2, 4, 6, 8, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
  });

  it('passes a flat process whose last sample falls inside a compaction, and still reports the two-sample jump', () => {
    // Mapped table files at 60 MB, 78 MB while a compaction runs: here at the very last sample.
    const samples = [sample(0, 240, 50), ...LATE.map((c) => sample(c, 380, c === 10_000 ? 78 : 60))];

    const growth = lateGrowth(samples);

    expect(growth.rss.twoSampleBytes).toBe(18 * MB);
    expect(growth.rssFile?.twoSampleBytes).toBe(18 * MB);
    expect(growth.rssAnon?.twoSampleBytes).toBe(0);
    expect(growth.rss.trendBytes).toBeLessThan(PLATEAU_BYTES);
    expect(growth.plateau).toBe(true);
    expect(growth.samples).toBe(51);
    expect(growth.from.confirmations).toBe(5_000);
  });

  it('misses steady growth of 1.2 KB per confirmation (6 MB over the last 5,000) that no single sample shows as a jump', () => {
    const perConfirmationMb = 1.2 / 1024;
    const samples = LATE.map((c) => sample(c, 380 + (c - 5_000) * perConfirmationMb + (c % 200 === 0 ? 1 : -1), 60));

    const growth = lateGrowth(samples);

    expect(growth.rss.trendBytes / MB).toBeCloseTo(5_000 * perConfirmationMb, 1);
    expect(growth.rssAnon?.trendBytes).toBe(growth.rss.trendBytes);
    expect(growth.plateau).toBe(false);
  });

  it('misses anonymous growth that compactions early in the last half tilt out of the RSS trend', () => {
    // 6 MB of anonymous growth; the table files mapped at 78 MB instead of 60 from 6,000 to 6,500.
    const samples = LATE.map((c) => sample(c, 380 + (6 * (c - 5_000)) / 5_000, c >= 6_000 && c <= 6_500 ? 78 : 60));

    const growth = lateGrowth(samples);

    expect(growth.rss.trendBytes).toBeLessThan(PLATEAU_BYTES);
    expect(growth.rssAnon?.trendBytes).toBeGreaterThan(PLATEAU_BYTES);
    expect(growth.plateau).toBe(false);
  });

  it('judges exactly 5 MB of trend as a plateau and a little more as not', () => {
    const rising = (totalMb: number) => lateGrowth(LATE.map((c) => sample(c, 380 + (totalMb * (c - 5_000)) / 5_000, 60)));

    expect(rising(5).plateau).toBe(true);
    expect(rising(5.05).plateau).toBe(false);
  });

  it('leaves out the anonymous and file parts where the platform does not report them', () => {
    const samples = LATE.map((c) => ({ ...sample(c, 380, 60), rssAnon: undefined, rssFile: undefined }));

    const growth = lateGrowth(samples);

    expect(growth.rssAnon).toBeUndefined();
    expect(growth.rssFile).toBeUndefined();
    expect(growth.rss.trendBytes).toBe(0);
  });

  it('fits a least-squares slope, and a flat 0 when all points share one x', () => {
    expect(
      slope([
        [0, 1],
        [1, 3],
        [2, 5],
      ]),
    ).toBeCloseTo(2);
    expect(
      slope([
        [0, 0],
        [1, 2],
        [2, 0],
        [3, 2],
      ]),
    ).toBeCloseTo(0.4);
    expect(slope([[5, 1]])).toBe(0);
    expect(() => lateGrowth([])).toThrow('no memory samples');
  });
});
