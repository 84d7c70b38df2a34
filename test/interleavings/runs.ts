import type fc from 'fast-check';

/**
 * How many interleavings each scenario explores, and from which seed. `npm test` runs
 * 1,000 per scenario from fixed seeds; `npm run explore -- --runs N` sets
 * INTERLEAVING_RUNS and a fresh seed (printed by fast-check on failure, with the shrunk schedule).
 */
const DEFAULT_RUNS = 1_000;

export function runsPerScenario(): number {
  const runs = Number(process.env.INTERLEAVING_RUNS ?? DEFAULT_RUNS);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`INTERLEAVING_RUNS must be a positive integer, got ${process.env.INTERLEAVING_RUNS}`);
  return runs;
}

/** A fixed seed per scenario (reproducible in CI) unless INTERLEAVING_SEED says otherwise. */
export function seedFor(scenario: string): number {
  if (process.env.INTERLEAVING_SEED) return Number(process.env.INTERLEAVING_SEED);
  let hash = 0;
  for (const char of scenario) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return hash;
}

/** `npm test` fails a scenario whose runs have not all finished after this long; explore has no limit. */
export function timeLimitMs(): number | undefined {
  const limit = Number(process.env.INTERLEAVING_TIME_LIMIT_MS ?? 90_000);
  return limit > 0 ? limit : undefined;
}

/** fast-check's parameters for a scenario: its runs and seed, and a time limit that fails (never quietly shortens) the run. */
export function scenarioParameters<T>(scenario: string): fc.Parameters<T> {
  return {
    numRuns: runsPerScenario(),
    seed: seedFor(scenario),
    interruptAfterTimeLimit: timeLimitMs(),
    // Fewer runs than promised is a failure, not a quiet pass.
    markInterruptAsFailure: true,
  };
}
