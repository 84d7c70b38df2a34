import { DEFAULT_OUT, FULL_COUNTS, QUICK_COUNTS, SECTIONS, countsFor, parseArgs } from '../../../bench/options';

describe('bench options', () => {
  it('runs everything in full by default and writes bench/results.json', () => {
    expect(parseArgs([])).toEqual({ quick: false, out: DEFAULT_OUT, only: [...SECTIONS] });
    expect(DEFAULT_OUT).toMatch(/bench[\\/]results\.json$/);
  });

  it('reads --quick, --out, --only and --cpu-prof', () => {
    const options = parseArgs(['--quick', '--out', '/tmp/r.json', '--only', 'latency,cost', '--cpu-prof', '/tmp/prof']);

    expect(options).toEqual({ quick: true, out: '/tmp/r.json', only: ['latency', 'cost'], cpuProfDir: '/tmp/prof' });
  });

  it('says what is wrong with bad arguments', () => {
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option --fast/);
    expect(() => parseArgs(['--out'])).toThrow(/--out needs a value/);
    expect(() => parseArgs(['--out', '--quick'])).toThrow(/--out needs a value/);
    expect(() => parseArgs(['--only', 'latency,speed'])).toThrow(/unknown section "speed"/);
  });

  it('keeps the issue minimums in full mode and tiny counts in quick mode', () => {
    expect(countsFor({ quick: false })).toBe(FULL_COUNTS);
    expect(FULL_COUNTS.latencyRuns).toBeGreaterThanOrEqual(500);
    expect(FULL_COUNTS.concurrency).toEqual([10, 100, 1000]);
    expect(FULL_COUNTS.pending).toBe(1000);
    expect(countsFor({ quick: true })).toBe(QUICK_COUNTS);
    expect(Math.max(...QUICK_COUNTS.concurrency)).toBeLessThanOrEqual(10);
  });
});
