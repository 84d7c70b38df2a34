/** Section 3: N simulated users at once, each doing command → code → authorize. */
import type { Progress } from './progress';
import type { BenchStack } from './stack-client';
import { round, summarize } from './stats';

export interface ThroughputRound {
  users: number;
  /** From the first command to the last execution finished. */
  seconds: number;
  confirmed: number;
  confirmationsPerSecond: number;
  errors: number;
  errorSamples: string[];
  /** Answers that said "under way" (the code or the action had not finished within the wait). */
  commandAnswersUnderWay: number;
  authorizeAnswersUnderWay: number;
  /** Per confirmation, from sending the command to the authorize answer (ms). */
  confirmationP50: number;
  confirmationP99: number;
  commandP99: number;
  authorizeP99: number;
}

export async function measureThroughput(stack: BenchStack, concurrency: number[], warmupRuns: number, progress: Progress): Promise<ThroughputRound[]> {
  progress(`throughput: ${warmupRuns} warm-up confirmations, one at a time`);
  for (const user of await stack.createUsers('tpwarm', warmupRuns)) {
    const warm = await stack.confirm(user, 10_000);
    if (warm.error) throw new Error(`throughput: a warm-up confirmation failed: ${warm.error}`);
  }
  const rounds: ThroughputRound[] = [];
  for (const n of concurrency) {
    progress(`throughput: creating ${n} users`);
    const users = await stack.createUsers(`tp${n}`, n);
    progress(`throughput: ${n} concurrent users, each command → code → authorize`);
    const started = performance.now();
    const confirmations = await Promise.all(users.map((user) => stack.confirm(user, 120_000)));
    await stack.call('idle', { timeoutMs: 30_000 });
    const seconds = (performance.now() - started) / 1000;
    const outcomes = await stack.call('executions', { userIds: users.map((u) => u.userId) });
    const succeeded = new Set(outcomes.filter((o) => o.status === 'SUCCEEDED').map((o) => o.userId));
    const errorSamples: string[] = [];
    let errors = 0;
    for (const [i, user] of users.entries()) {
      const problem = confirmations[i]?.error ?? (succeeded.has(user.userId) ? undefined : `execution of ${user.userId} did not succeed`);
      if (!problem) continue;
      errors++;
      if (errorSamples.length < 5) errorSamples.push(problem);
    }
    const total = summarize(confirmations.map((c) => c.totalMs));
    const confirmed = n - errors;
    const result: ThroughputRound = {
      users: n,
      seconds: round(seconds, 3),
      confirmed,
      confirmationsPerSecond: round(confirmed / seconds, 1),
      errors,
      errorSamples,
      commandAnswersUnderWay: confirmations.filter((c) => c.command === 'code-under-way').length,
      authorizeAnswersUnderWay: confirmations.filter((c) => c.authorize === 'under-way').length,
      confirmationP50: total.p50,
      confirmationP99: total.p99,
      commandP99: summarize(confirmations.map((c) => c.commandMs)).p99,
      authorizeP99: summarize(confirmations.map((c) => c.authorizeMs)).p99,
    };
    progress(`throughput: N=${n}: ${result.confirmationsPerSecond} confirmations/s, ${errors} errors, p99 ${result.confirmationP99} ms`);
    rounds.push(result);
  }
  return rounds;
}
