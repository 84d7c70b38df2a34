/**
 * Sections 1 and 2: warm latency per request type over HTTP with real envelopes, and the
 * floor of each (its unavoidable store operations, timed alone in the stack's process).
 */
import type { FloorKind } from './host-protocol';
import { FLOOR_STEPS } from './floors';
import type { Counts } from './options';
import { counter, type Progress } from './progress';
import type { BenchStack, BenchUser } from './stack-client';
import { ratio, summarize, type Distribution } from './stats';

/** S8 allows 5 codes per user per 15 minutes; the bench stays under it by rotating users. */
export const CODES_PER_USER = 4;

export interface LatencyResult {
  runs: number;
  warmupRuns: number;
  requests: Record<FloorKind, Distribution>;
  floors: Record<FloorKind, { steps: string[]; distribution: Distribution }>;
  /** Each request type's p50 divided by its floor's p50. */
  p50Ratios: Record<FloorKind, number>;
  /**
   * From the outcome being ready inside the stack (challenge stored; execution persisted as
   * finished) to the answer reaching the client: time the request spent between polls
   * (plus the answer's trip back).
   */
  answerAfterOutcome: { command: Distribution; authorize: Distribution };
  errors: number;
  errorSamples: string[];
}

export async function measureLatency(stack: BenchStack, counts: Counts, progress: Progress): Promise<LatencyResult> {
  const total = counts.warmupRuns + counts.latencyRuns;
  progress(`latency: creating ${Math.ceil(total / CODES_PER_USER)} users`);
  const users = await stack.createUsers('lat', Math.ceil(total / CODES_PER_USER));
  const samples: Record<FloorKind, number[]> = { list: [], command: [], authorize: [] };
  const afterOutcome = { command: [] as number[], authorize: [] as number[] };
  const errorSamples: string[] = [];
  let errors = 0;
  const report = counter(progress, 'latency: timed runs', counts.latencyRuns);
  progress(`latency: ${counts.warmupRuns} warm-up + ${counts.latencyRuns} timed runs of list, command, authorize (one at a time)`);
  for (let i = 0; i < total; i++) {
    const user: BenchUser | undefined = users[i % users.length];
    if (!user) throw new Error('latency: no bench users to run as');
    const timed = i >= counts.warmupRuns;
    const list = await stack.alexa(user, 'ListInstancesIntent');
    const confirmation = await stack.confirm(user, 10_000);
    const marks = await stack.call('marks', {});
    const failed = list.status !== 200 || !list.speech.startsWith('You have') ? `list: HTTP ${list.status} "${list.speech}"` : confirmation.error;
    if (confirmation.command !== 'code-sent' || confirmation.authorize !== 'succeeded' || failed) {
      errors++;
      if (errorSamples.length < 5) errorSamples.push(failed ?? `command ${confirmation.command}, authorize ${confirmation.authorize}`);
    }
    if (!timed) continue;
    samples.list.push(list.ms);
    samples.command.push(confirmation.commandMs);
    samples.authorize.push(confirmation.authorizeMs);
    if (marks.challengeStoredAt) afterOutcome.command.push(confirmation.commandAnsweredAt - marks.challengeStoredAt);
    if (marks.executionFinishedAt) afterOutcome.authorize.push(confirmation.authorizeAnsweredAt - marks.executionFinishedAt);
    report(i - counts.warmupRuns + 1);
  }
  const requests = { list: summarize(samples.list), command: summarize(samples.command), authorize: summarize(samples.authorize) };
  const floors = {} as LatencyResult['floors'];
  for (const kind of ['list', 'command', 'authorize'] as const) {
    progress(`floor: ${kind} (${FLOOR_STEPS[kind].join(' + ')}) x ${counts.floorRuns}, in the stack's process`);
    const durations = await stack.call('floor', { kind, runs: counts.floorRuns, warmup: Math.min(50, counts.floorRuns) });
    floors[kind] = { steps: FLOOR_STEPS[kind], distribution: summarize(durations) };
  }
  const p50Ratios = {
    list: ratio(requests.list.p50, floors.list.distribution.p50),
    command: ratio(requests.command.p50, floors.command.distribution.p50),
    authorize: ratio(requests.authorize.p50, floors.authorize.distribution.p50),
  };
  const answerAfterOutcome = { command: summarize(afterOutcome.command), authorize: summarize(afterOutcome.authorize) };
  progress(
    `latency: answers came ${answerAfterOutcome.command.p50} ms (command) and ${answerAfterOutcome.authorize.p50} ms (authorize) after their outcome was ready (p50)`,
  );
  return { runs: counts.latencyRuns, warmupRuns: counts.warmupRuns, requests, floors, p50Ratios, answerAfterOutcome, errors, errorSamples };
}
