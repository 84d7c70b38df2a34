/** S8: counts code sends per user in fixed windows. */
export interface SendRateLimiter {
  /** True when another send would fit every window (does not count it). */
  canSend(userId: string): Promise<boolean>;
  /** Counts one send atomically; false (and nothing counted) when a window is full. */
  tryConsume(userId: string): Promise<boolean>;
}

/** The same limits on separate counters, e.g. authenticator attempts beside code sends. */
export function countedSeparately(scope: string, limiter: SendRateLimiter): SendRateLimiter {
  return {
    canSend: (userId) => limiter.canSend(`${scope}:${userId}`),
    tryConsume: (userId) => limiter.tryConsume(`${scope}:${userId}`),
  };
}
