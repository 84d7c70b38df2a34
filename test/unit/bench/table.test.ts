import { machineLine, renderTable, tableRows, usd } from '../../../bench/table';
import { sampleResults } from './results-fixture';

describe('the printed table', () => {
  it('has a row per measure, with the target and its verdict where the issue sets one', () => {
    const rows = tableRows(sampleResults());

    expect(rows.map((r) => r.section)).toEqual(expect.arrayContaining(['Latency', 'Floor', 'Throughput', 'Memory', 'Cold start', 'Cost']));
    const commandRow = rows.find((r) => r.measure.startsWith('command, until the code'));
    expect(commandRow).toMatchObject({ value: '28 / 42 / 49 ms', verdict: 'PASS' });
    expect(rows.find((r) => r.measure.startsWith('authorize:'))).toMatchObject({ verdict: 'MISS' });
    expect(rows.filter((r) => r.verdict).length).toBe(sampleResults().targets.length);
  });

  it('renders aligned Markdown that pastes into the README', () => {
    const text = renderTable([
      { section: 'Cost', measure: 'state transitions', value: '6', target: '<= 8', verdict: 'PASS' },
      { section: 'Latency', measure: 'list', value: '5 ms' },
    ]);

    expect(text.split('\n')).toEqual([
      '| Section | Measure           | Value | Target | Result |',
      '|---------|-------------------|-------|--------|--------|',
      '| Cost    | state transitions | 6     | <= 8   | PASS   |',
      '| Latency | list              | 5 ms  |        |        |',
    ]);
  });

  it('shows cents, or four decimals under a dollar', () => {
    expect(usd(58.3)).toBe('$58.30');
    expect(usd(0.1616)).toBe('$0.1616');
  });

  it('names the machine and flags a quick run', () => {
    const results = sampleResults();

    expect(machineLine(results)).toBe('Test CPU, 2 cores, 8.0 GiB, Node v24.0.0, linux/x64; 2026-11-22T06:00:00.000Z, 200 s, load 0.1 → 1.5');
    expect(machineLine({ ...results, mode: 'quick' })).toMatch(/^QUICK \(smoke\) run/);
  });
});
