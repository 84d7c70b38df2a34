/**
 * Section 4: resident memory of the stack's own process (a child, so the bench's buffers
 * do not count) with 0 and with N confirmations pending, after full garbage collections.
 *
 * RSS keeps what the allocator once took, so "0 pending" is measured after the same amount
 * of traffic: N users first complete a confirmation each (the baseline), then N other users
 * each leave one pending. The difference is what the pending confirmations hold.
 */
import type { MemorySample } from './host-protocol';
import { mapLimit } from './concurrency';
import type { Progress } from './progress';
import { BenchStack } from './stack-client';
import { round } from './stats';

export interface MemoryResult {
  pending: number;
  idle: MemorySample;
  withPending: MemorySample;
  /** (RSS with N pending − RSS with none) / N. */
  rssBytesPerPending: number;
  /** The same for the anonymous part of RSS (Linux): leaves out mapped files such as the store's tables. */
  rssAnonBytesPerPending?: number;
  /** The same for the V8 heap alone: less noisy, but leaves out the store's buffers. */
  heapBytesPerPending: number;
  runningExecutions: number;
}

export async function measureMemory(pending: number, progress: Progress, cpuProfDir?: string): Promise<MemoryResult> {
  progress('memory: starting a fresh stack process');
  const stack = await BenchStack.start({ cpuProfDir, label: 'memory' });
  try {
    const baselineUsers = await stack.createUsers('memdone', pending);
    const users = await stack.createUsers('mem', pending);
    progress(`memory: ${pending} users complete a confirmation each (the same traffic, nothing left pending)`);
    await mapLimit(baselineUsers, 20, async (user) => {
      const done = await stack.confirm(user, 30_000);
      if (done.error) throw new Error(`memory: a baseline confirmation failed: ${done.error}`);
    });
    if (!(await stack.call('idle', { timeoutMs: 30_000 }))) throw new Error('memory: executions still running before the baseline');
    const idle = await stack.call('memory', {});
    progress(`memory: idle RSS ${mib(idle.rss)} MiB, heap ${mib(idle.heapUsed)} MiB; leaving ${pending} confirmations pending`);
    const problems: string[] = [];
    await mapLimit(users, 20, async (user) => {
      const command = await stack.command(user, 30_000);
      if (command.verdict === 'error') problems.push(command.error ?? 'command failed');
    });
    if (problems.length > 0) throw new Error(`memory: ${problems.length} commands failed, e.g. ${problems[0]}`);
    const withPending = await stack.call('memory', {});
    const running = (await stack.call('executions', { userIds: users.map((u) => u.userId) })).filter((e) => e.status === 'RUNNING').length;
    progress(`memory: ${running} pending: RSS ${mib(withPending.rss)} MiB, heap ${mib(withPending.heapUsed)} MiB`);
    return {
      pending,
      idle,
      withPending,
      rssBytesPerPending: Math.round((withPending.rss - idle.rss) / pending),
      ...(idle.rssAnon !== undefined &&
        withPending.rssAnon !== undefined && { rssAnonBytesPerPending: Math.round((withPending.rssAnon - idle.rssAnon) / pending) }),
      heapBytesPerPending: Math.round((withPending.heapUsed - idle.heapUsed) / pending),
      runningExecutions: running,
    };
  } finally {
    await stack.stop();
  }
}

function mib(bytes: number): number {
  return round(bytes / 1024 / 1024, 1);
}
