/** The targets, checked against measured results. Pure. */
import type { BenchResults } from './results';

export type Verdict = 'PASS' | 'MISS' | 'NOT RUN';

export interface TargetRow {
  /** Stable key: authorize-floor, command-p99, throughput, memory, bundle:NAME, first-request:NAME, reference-ratio:NAME, transitions. */
  id: string;
  target: string;
  measured: string;
  verdict: Verdict;
}

export const KIB = 1024;

export const TARGETS = {
  authorizeToFloor: 2,
  commandP99Ms: 50,
  confirmationsPerSecond: 200,
  throughputUsers: 1000,
  bytesPerPending: 20 * KIB,
  bundleBytes: 300 * KIB,
  firstRequestMs: 100,
  /** Load + first request over the reference handler's (one DynamoDB GetItem + PutItem). */
  referenceRatio: 1.5,
  stateTransitions: 8,
} as const;

type Input = Pick<BenchResults, 'latency' | 'throughput' | 'memory' | 'coldStart' | 'cost'>;

export function evaluateTargets(results: Input): TargetRow[] {
  const rows: TargetRow[] = [];
  const check = (id: string, target: string, measured: string | undefined, pass: boolean | undefined) =>
    rows.push({ id, target, measured: measured ?? '-', verdict: pass === undefined ? 'NOT RUN' : pass ? 'PASS' : 'MISS' });

  const { latency, throughput, memory, coldStart, cost } = results;
  check(
    'authorize-floor',
    `authorize p50 <= ${TARGETS.authorizeToFloor}x its floor`,
    latency && `${latency.p50Ratios.authorize}x (${latency.requests.authorize.p50} ms / ${latency.floors.authorize.distribution.p50} ms)`,
    latency && latency.p50Ratios.authorize <= TARGETS.authorizeToFloor,
  );
  check(
    'command-p99',
    `sensitive-command answer p99 <= ${TARGETS.commandP99Ms} ms`,
    latency && `${latency.requests.command.p99} ms`,
    latency && latency.requests.command.p99 <= TARGETS.commandP99Ms,
  );
  const largest = throughput?.rounds.reduce((a, b) => (b.users > a.users ? b : a));
  const atTarget = largest?.users === TARGETS.throughputUsers;
  check(
    'throughput',
    `>= ${TARGETS.confirmationsPerSecond} confirmations/s at N = ${TARGETS.throughputUsers.toLocaleString('en-US')}, zero errors`,
    largest && `${largest.confirmationsPerSecond}/s, ${largest.errors} errors at N = ${largest.users}`,
    largest && atTarget ? largest.confirmationsPerSecond >= TARGETS.confirmationsPerSecond && largest.errors === 0 : undefined,
  );
  check(
    'memory',
    `<= ${TARGETS.bytesPerPending / KIB} KB per pending confirmation`,
    memory && `${(memory.rssBytesPerPending / KIB).toFixed(1)} KB RSS (${(memory.heapBytesPerPending / KIB).toFixed(1)} KB heap)`,
    memory && memory.rssBytesPerPending <= TARGETS.bytesPerPending,
  );
  if (coldStart) {
    for (const bundle of coldStart.bundles) {
      check(
        `bundle:${bundle.name}`,
        `${bundle.name} code a cold start loads <= ${TARGETS.bundleBytes / KIB} KB`,
        `${(bundle.bytes / KIB).toFixed(1)} KB`,
        bundle.bytes <= TARGETS.bundleBytes,
      );
      const mode = bundle.modes[coldStart.targetMode];
      check(
        `first-request:${bundle.name}`,
        `${bundle.name} load + first request <= ${TARGETS.firstRequestMs} ms`,
        mode && `${mode.medianTotalMs} ms (${coldStart.targetMode})`,
        mode && mode.medianTotalMs <= TARGETS.firstRequestMs,
      );
      check(
        `reference-ratio:${bundle.name}`,
        `${bundle.name} load + first request <= ${TARGETS.referenceRatio}x the reference handler's`,
        bundle.referenceRatios
          ? `${bundle.referenceRatios.median}x, middle half ${bundle.referenceRatios.p25}–${bundle.referenceRatios.p75}x (reference ${coldStart.reference?.run.medianTotalMs} ms)`
          : undefined,
        bundle.referenceRatios === undefined ? undefined : bundle.referenceRatios.median <= TARGETS.referenceRatio,
      );
    }
  } else {
    check('bundle', `each bundle <= ${TARGETS.bundleBytes / KIB} KB`, undefined, undefined);
    check('first-request', `each first request <= ${TARGETS.firstRequestMs} ms`, undefined, undefined);
    check('reference-ratio', `each first request <= ${TARGETS.referenceRatio}x the reference handler's`, undefined, undefined);
  }
  check(
    'transitions',
    `<= ${TARGETS.stateTransitions} state transitions per confirmed command`,
    cost && `${cost.usage.stateTransitions}`,
    cost && cost.usage.stateTransitions <= TARGETS.stateTransitions,
  );
  return rows;
}
