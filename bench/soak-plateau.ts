/**
 * How the soak judges "after warm-up RSS plateaus: growth over the last half ≤ 5 MB".
 *
 * RSS includes the LevelDB table files the store maps (`RssFile`). While a compaction runs,
 * the old and the new tables are both mapped, so a sample taken then reads 10–20 MB higher
 * than one taken between compactions. A difference of two single samples therefore swings by
 * that much either way, whatever the process keeps. The verdict uses the least-squares trend
 * of every sample in the last half (slope × the confirmations of the last half), for RSS and
 * for its anonymous part (`RssAnon`, what the process itself holds): both must be within
 * the limit. The RSS trend alone is still moved a few MB by where the compactions fall (a
 * run of them early in the half tilts it down, one at the end up); the anonymous part is
 * not, so growth cannot hide behind a lucky tilt. The two-sample differences are reported
 * beside them, never hidden.
 */
import type { MemorySample } from './host-protocol';

export const PLATEAU_BYTES = 5 * 1024 * 1024;

export interface SoakSample extends MemorySample {
  confirmations: number;
}

/**
 * The confirmation counts after which memory is sampled: every 5% in the first half
 * (warm-up), every 1% in the last half, where the trend is judged from enough points
 * to outweigh a few samples that fall inside a compaction.
 */
export function sampleSchedule(confirmations: number): number[] {
  const half = Math.ceil(confirmations / 2);
  const points: number[] = [];
  const warmupStep = Math.max(1, Math.ceil(confirmations / 20));
  for (let done = warmupStep; done < half; done += warmupStep) points.push(done);
  points.push(half);
  const lateStep = Math.max(1, Math.ceil(confirmations / 100));
  for (let done = half + lateStep; done < confirmations; done += lateStep) points.push(done);
  if (half < confirmations) points.push(confirmations);
  return points;
}

/** One memory figure (e.g. RSS) over the last half, two ways. */
export interface Growth {
  /** The last sample minus the one halfway through. */
  twoSampleBytes: number;
  /** Least-squares slope over every sample of the last half, times the confirmations it spans. */
  trendBytes: number;
}

export interface LateGrowth {
  from: SoakSample;
  to: SoakSample;
  /** Samples in the last half, the halfway one included. */
  samples: number;
  rss: Growth;
  /** Undefined off Linux, where /proc/self/status has no RssAnon/RssFile. */
  rssAnon?: Growth;
  rssFile?: Growth;
  heapUsed: Growth;
  /** The judgement: the RSS trend and (where reported) the anonymous trend are each at most PLATEAU_BYTES. */
  plateau: boolean;
}

export function lateGrowth(samples: readonly SoakSample[]): LateGrowth {
  const to = samples.at(-1);
  if (!to) throw new Error('soak: no memory samples');
  const half = to.confirmations / 2;
  const late = samples.filter((s) => s.confirmations >= half);
  const from = late[0] ?? to;
  const growth = (read: (s: SoakSample) => number): Growth => ({
    twoSampleBytes: read(to) - read(from),
    trendBytes: slope(late.map((s) => [s.confirmations, read(s)])) * (to.confirmations - from.confirmations),
  });
  const rss = growth((s) => s.rss);
  const linuxParts = late.every((s) => s.rssAnon !== undefined && s.rssFile !== undefined);
  const rssAnon = linuxParts ? growth((s) => s.rssAnon ?? 0) : undefined;
  return {
    from,
    to,
    samples: late.length,
    rss,
    rssAnon,
    rssFile: linuxParts ? growth((s) => s.rssFile ?? 0) : undefined,
    heapUsed: growth((s) => s.heapUsed),
    plateau: rss.trendBytes <= PLATEAU_BYTES && (rssAnon?.trendBytes ?? 0) <= PLATEAU_BYTES,
  };
}

/** Ordinary least-squares slope of y on x; 0 for fewer than two distinct x. */
export function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  let covariance = 0;
  let varianceX = 0;
  for (const [x, y] of points) {
    covariance += (x - meanX) * (y - meanY);
    varianceX += (x - meanX) ** 2;
  }
  return varianceX === 0 ? 0 : covariance / varianceX;
}
