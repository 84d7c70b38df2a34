/** The shape of bench/results.json, and the machine it was measured on. */
import { cpus, loadavg, totalmem } from 'node:os';
import type { ColdStartResult } from './cold-start';
import type { CostResult } from './cost';
import type { LatencyResult } from './latency';
import type { MemoryResult } from './memory';
import type { EmulatorResult } from './on-emulator';
import type { ThroughputRound } from './throughput';
import type { TargetRow } from './targets';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  node: string;
  platform: string;
  arch: string;
  /** 1-minute load average when the run started and ended: other work on the machine skews every number. */
  loadAverage: { start: number; end?: number };
}

export interface BenchResults {
  mode: 'full' | 'quick';
  startedAt: string;
  durationSeconds: number;
  machine: Machine;
  latency?: LatencyResult;
  throughput?: { rounds: ThroughputRound[] };
  memory?: MemoryResult;
  coldStart?: ColdStartResult;
  cost?: CostResult;
  emulator?: EmulatorResult;
  targets: TargetRow[];
}

export function machine(): Machine {
  const cores = cpus();
  return {
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    memoryBytes: totalmem(),
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    loadAverage: { start: round1m() },
  };
}

export function round1m(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}
