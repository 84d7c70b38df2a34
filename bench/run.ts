/** Runs the sections the options ask for, each against its own fresh stack process. */
import { measureColdStart } from './cold-start';
import { measureCost } from './cost';
import { measureLatency } from './latency';
import { measureMemory } from './memory';
import { measureOnEmulator } from './on-emulator';
import { countsFor, type BenchOptions } from './options';
import type { Progress } from './progress';
import { machine, round1m, type BenchResults } from './results';
import { BenchStack } from './stack-client';
import { round } from './stats';
import { evaluateTargets } from './targets';
import { measureThroughput } from './throughput';

/** Confirmed commands counted for the cost model (their counts are averaged). */
const COST_RUNS = { full: 20, quick: 2 };

export async function runBench(options: BenchOptions, progress: Progress): Promise<BenchResults> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const counts = countsFor(options);
  const wants = new Set(options.only);
  const results: Omit<BenchResults, 'targets' | 'durationSeconds'> = { mode: options.quick ? 'quick' : 'full', startedAt, machine: machine() };

  // First, while nothing else runs: fresh processes are what it measures.
  if (wants.has('coldStart')) results.coldStart = await measureColdStart(counts.coldStartRuns, progress);
  if (wants.has('latency') || wants.has('cost')) {
    progress('latency: starting the stack in its own process');
    const stack = await BenchStack.start({ cpuProfDir: options.cpuProfDir, label: 'latency' });
    try {
      if (wants.has('latency')) results.latency = await measureLatency(stack, counts, progress);
      if (wants.has('cost')) results.cost = await measureCost(stack, options.quick ? COST_RUNS.quick : COST_RUNS.full, progress);
    } finally {
      await stack.stop();
    }
  }
  if (wants.has('throughput')) {
    progress('throughput: starting a fresh stack process');
    const stack = await BenchStack.start({ cpuProfDir: options.cpuProfDir, label: 'throughput' });
    try {
      results.throughput = { rounds: await measureThroughput(stack, counts.concurrency, counts.warmupRuns, progress) };
    } finally {
      await stack.stop();
    }
  }
  if (wants.has('memory')) results.memory = await measureMemory(counts.pending, progress, options.cpuProfDir);
  if (wants.has('emulator') && counts.emulatorCommands > 0) results.emulator = await measureOnEmulator(counts.emulatorCommands, progress);

  results.machine.loadAverage.end = round1m();
  return { ...results, durationSeconds: round((performance.now() - started) / 1000, 1), targets: evaluateTargets(results) };
}
