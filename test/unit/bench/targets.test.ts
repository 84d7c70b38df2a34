import { evaluateTargets } from '../../../bench/targets';
import { sampleResults } from './results-fixture';

describe('the issue targets', () => {
  it('checks every target against the measured numbers', () => {
    const rows = evaluateTargets(sampleResults());
    const verdict = (id: string) => rows.find((r) => r.id === id)?.verdict;

    expect(verdict('authorize-floor')).toBe('MISS'); // 20x > 2x
    expect(verdict('command-p99')).toBe('PASS'); // 49 ms <= 50 ms
    expect(verdict('throughput')).toBe('MISS'); // 33.3/s < 200/s
    expect(verdict('memory')).toBe('PASS'); // 15 KB <= 20 KB
    expect(verdict('bundle:skill')).toBe('MISS');
    expect(verdict('bundle:perform-action')).toBe('PASS');
    expect(verdict('first-request:skill')).toBe('MISS'); // 180 ms, the aws-emulator run
    expect(verdict('first-request:perform-action')).toBe('PASS');
    expect(verdict('reference-ratio:skill')).toBe('MISS'); // 180 ms / 100 ms = 1.8x
    expect(verdict('reference-ratio:perform-action')).toBe('PASS'); // 0.9x
    expect(verdict('transitions')).toBe('PASS');
  });

  it('reports what it measured next to each target', () => {
    const rows = evaluateTargets(sampleResults());

    expect(rows.find((r) => r.id === 'authorize-floor')?.measured).toBe('20x (25 ms / 1.25 ms)');
    expect(rows.find((r) => r.id === 'throughput')?.measured).toBe('33.3/s, 0 errors at N = 1000');
  });

  it('says NOT RUN for sections that did not run, and for throughput below N = 1,000', () => {
    const rows = evaluateTargets({});
    expect(rows.every((r) => r.verdict === 'NOT RUN')).toBe(true);
    expect(rows.map((r) => r.id)).toEqual([
      'authorize-floor',
      'command-p99',
      'throughput',
      'memory',
      'bundle',
      'first-request',
      'reference-ratio',
      'transitions',
    ]);

    const quick = sampleResults();
    quick.throughput!.rounds = quick.throughput!.rounds.filter((r) => r.users === 10);
    expect(evaluateTargets(quick).find((r) => r.id === 'throughput')?.verdict).toBe('NOT RUN');
  });

  it('fails the throughput target on any error, however fast', () => {
    const results = sampleResults();
    results.throughput!.rounds[1] = { ...results.throughput!.rounds[1]!, confirmationsPerSecond: 500, errors: 1 };

    expect(evaluateTargets(results).find((r) => r.id === 'throughput')?.verdict).toBe('MISS');
  });
});
