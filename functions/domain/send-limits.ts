/**
 * S8: rolling windows that cap how many codes one user can be sent (and how many
 * authenticator codes they can try) in ANY 15 minutes and ANY day. Each user's recent sends
 * are kept as a log of times; a fixed window would allow twice the limit across a boundary.
 */
export interface SendLimit {
  name: string;
  windowSeconds: number;
  max: number;
}

export const DEFAULT_SEND_LIMITS: SendLimit[] = [
  { name: '15m', windowSeconds: 15 * 60, max: 5 },
  { name: '1d', windowSeconds: 24 * 60 * 60, max: 20 },
];

/** Whether one more send fits every window now; when not, the earliest time (epoch ms) it will. */
export type LimitVerdict = { allowed: true } | { allowed: false; retryAt: number };

export const ALLOWED: LimitVerdict = { allowed: true };

/** The sends (epoch ms, oldest first) that still count against some window at `now`. */
export function recentSends(log: readonly number[], now: number, limits: readonly SendLimit[]): number[] {
  const longest = Math.max(0, ...limits.map((limit) => limit.windowSeconds * 1000));
  return log.filter((at) => now - at < longest).sort((a, b) => a - b);
}

/**
 * A send counts against a window for `windowSeconds` after it was made. When a window is full,
 * it frees up as soon as enough of its oldest sends have aged out; the answer is the latest
 * such time over all full windows.
 */
export function judgeSend(log: readonly number[], now: number, limits: readonly SendLimit[]): LimitVerdict {
  const sends = recentSends(log, now, limits);
  let retryAt: number | undefined;
  for (const limit of limits) {
    const windowMs = limit.windowSeconds * 1000;
    const inWindow = sends.filter((at) => now - at < windowMs);
    if (inWindow.length < limit.max) continue;
    const oldestCounted = inWindow[inWindow.length - limit.max];
    if (oldestCounted === undefined) throw new Error(`send limit ${limit.name} must allow at least one send`);
    const freesAt = oldestCounted + windowMs;
    retryAt = Math.max(retryAt ?? freesAt, freesAt);
  }
  return retryAt === undefined ? ALLOWED : { allowed: false, retryAt };
}

/** The log after one more send at `now` (only what still counts is kept, so it stays small). */
export function withSend(log: readonly number[], now: number, limits: readonly SendLimit[]): number[] {
  return [...recentSends(log, now, limits), now];
}

/** Whole minutes until `retryAt`, rounded up and at least one: "in 9 minutes". */
export function minutesUntil(retryAt: number, now: number): number {
  return Math.max(1, Math.ceil((retryAt - now) / 60_000));
}
