import type { Clock } from '../ports/clock';

/** How often a waiting request reads again: the first interval, doubling up to the cap. */
export interface PollPace {
  firstIntervalMs: number;
  maxIntervalMs: number;
}

/** On one machine a read costs about a millisecond: answer as soon as the outcome lands. */
export const LOCAL_POLL_PACE: PollPace = { firstIntervalMs: 1, maxIntervalMs: 10 };

/**
 * On Lambda every read is a billed API call, and DescribeExecution is throttled per account
 * and decrypts the history with KMS: reads at least 100 ms apart.
 */
export const LAMBDA_POLL_PACE: PollPace = { firstIntervalMs: 100, maxIntervalMs: 100 };

/** Polls `probe` at `pace` until it returns a value or `timeoutMs` passes on `clock`. */
export async function waitUntil<T>(probe: () => Promise<T | undefined>, timeoutMs: number, pace: PollPace, clock: Clock): Promise<T | undefined> {
  const deadline = clock.now() + timeoutMs;
  let intervalMs = pace.firstIntervalMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (clock.now() + intervalMs > deadline) return undefined;
    await clock.sleep(intervalMs);
    intervalMs = Math.min(intervalMs * 2, pace.maxIntervalMs);
  }
}
