import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchResults } from '../../bench/results';

const ROOT = resolve(__dirname, '..', '..');
const TSX_CLI = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** Every number in a section, however deep, for "has a measurement" checks. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

/**
 * `npm run bench -- --quick` end to end, so the bench cannot rot: every section runs with
 * tiny counts against the real stack and writes its JSON (to a temp file, not bench/results.json).
 */
describe('the benchmark, in its quick smoke mode', () => {
  let dir: string;
  let results: BenchResults;
  let stdout = '';
  let stderr = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'voicegate-bench-smoke-'));
    const out = join(dir, 'results.json');
    const child = spawn(process.execPath, [TSX_CLI, 'bench/main.ts', '--quick', '--out', out], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    if (code !== 0) throw new Error(`the bench exited with ${code}:\n${stderr.slice(-3000)}`);
    results = JSON.parse(readFileSync(out, 'utf8')) as BenchResults;
    // About 90 s at load 12 on 2 cores (moto_server's start, the bundles and the cold-start probes included); more when other runs share the machine.
  }, 300_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('measures every section, each with numbers above zero', () => {
    for (const section of ['latency', 'throughput', 'memory', 'coldStart', 'cost'] as const) {
      const numbers = numbersIn(results[section]);
      expect({ section, measured: numbers.length > 0 }).toEqual({ section, measured: true });
    }
    const l = results.latency!;
    for (const kind of ['list', 'command', 'authorize'] as const) {
      expect(l.requests[kind].p50).toBeGreaterThan(0);
      expect(l.floors[kind].distribution.p50).toBeGreaterThan(0);
      expect(l.p50Ratios[kind]).toBeGreaterThan(0);
    }
    expect(l.errors).toBe(0);
    for (const round of results.throughput!.rounds) {
      expect(round.confirmationsPerSecond).toBeGreaterThan(0);
      expect(round.errors).toBe(0);
    }
    expect(results.memory!.idle.rss).toBeGreaterThan(0);
    expect(results.memory!.withPending.heapUsed).toBeGreaterThan(0);
    expect(results.memory!.runningExecutions).toBe(results.memory!.pending);
    for (const bundle of results.coldStart!.bundles) {
      expect(bundle.bytes).toBeGreaterThan(0);
      expect(bundle.bytesWithoutAwsSdk).toBeGreaterThan(0);
      expect(bundle.modes[results.coldStart!.targetMode]!.medianTotalMs).toBeGreaterThan(0);
    }
    expect(results.coldStart!.bundles.map((b) => b.name)).toEqual(['skill', 'issue-challenge', 'perform-action']);
    const cost = results.cost!;
    expect(cost.usage.stateTransitions).toBeGreaterThan(0);
    expect(cost.usage.dynamodb.readUnits).toBeGreaterThan(0);
    expect(cost.usage.dynamodb.writeUnits).toBeGreaterThan(0);
    expect(cost.usage.sms.parts).toBeGreaterThan(0);
    expect(cost.estimate.usdPer1000ExcludingSms).toBeGreaterThan(0);
    expect(cost.estimate.usdPer1000IncludingSms).toBeGreaterThan(cost.estimate.usdPer1000ExcludingSms);
  });

  it('says which machine it ran on', () => {
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.machine.memoryBytes).toBeGreaterThan(0);
    expect(results.machine.node).toMatch(/^v\d+/);
    expect(results.machine.cpuModel).not.toBe('');
  });

  it('prints one table with a verdict for every target, and shows progress on stderr', () => {
    expect(stdout).toMatch(/^QUICK \(smoke\) run/);
    expect(stdout).toContain('| Section');
    for (const target of results.targets) expect(stdout).toContain(target.target);
    expect(stderr).toMatch(/latency:/);
    expect(stderr).toMatch(/cold start:/);
  });
});
