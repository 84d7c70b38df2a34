/** Command-line options of `npm run bench` and the counts each mode runs with. */
import { join } from 'node:path';

export const SECTIONS = ['latency', 'throughput', 'memory', 'coldStart', 'cost', 'emulator'] as const;
export type SectionName = (typeof SECTIONS)[number];

export interface BenchOptions {
  /** Smoke mode: every section with tiny counts, for `npm test`. */
  quick: boolean;
  /** Where results.json is written. */
  out: string;
  /** Run only these sections (default: all). */
  only: SectionName[];
  /** Run the stack's child processes with --cpu-prof into this directory. */
  cpuProfDir?: string;
}

export interface Counts {
  /** Timed runs per request type (the issue asks for at least 500). */
  latencyRuns: number;
  /** Untimed runs first, so the numbers are warm. */
  warmupRuns: number;
  /** Timed runs of each floor. */
  floorRuns: number;
  /** Concurrent simulated users per throughput round. */
  concurrency: number[];
  /** Confirmations left pending for the memory measurement. */
  pending: number;
  /** Rounds of fresh processes (one per bundle, interleaved) in the cold start's target mode. */
  coldStartRuns: number;
  /** Confirmed commands measured on the emulator (0: the section is left out). */
  emulatorCommands: number;
}

export const FULL_COUNTS: Counts = {
  latencyRuns: 500,
  warmupRuns: 50,
  floorRuns: 1000,
  concurrency: [10, 100, 1000],
  pending: 1000,
  coldStartRuns: 11,
  emulatorCommands: 5,
};

export const QUICK_COUNTS: Counts = {
  latencyRuns: 12,
  warmupRuns: 3,
  floorRuns: 20,
  concurrency: [2, 5, 10],
  pending: 20,
  coldStartRuns: 1,
  // Synth and deploy take minutes: the smoke run in npm test leaves it to test/emulator.
  emulatorCommands: 0,
};

export const DEFAULT_OUT = join(__dirname, 'results.json');

const USAGE = `usage: npm run bench -- [--quick] [--out FILE] [--only ${SECTIONS.join(',')}] [--cpu-prof DIR]`;

export function parseArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { quick: false, out: DEFAULT_OUT, only: [...SECTIONS] };
  const args = argv[Symbol.iterator]();
  for (const arg of args) {
    const value = (): string => {
      const next = args.next().value;
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value\n${USAGE}`);
      return next;
    };
    if (arg === '--quick') options.quick = true;
    else if (arg === '--out') options.out = value();
    else if (arg === '--cpu-prof') options.cpuProfDir = value();
    else if (arg === '--only') options.only = parseSections(value());
    else if (arg === '--help' || arg === '-h') throw new Error(USAGE);
    else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  return options;
}

function parseSections(list: string): SectionName[] {
  const names = list.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!(SECTIONS as readonly string[]).includes(name)) throw new Error(`unknown section "${name}"; sections: ${SECTIONS.join(', ')}`);
  }
  return names as SectionName[];
}

export function countsFor(options: Pick<BenchOptions, 'quick'>): Counts {
  return options.quick ? QUICK_COUNTS : FULL_COUNTS;
}
