import type { LimitVerdict } from '../domain/send-limits';

/** S8: counts code sends per user in rolling windows ("any 15 minutes", "any day"). */
export interface SendRateLimiter {
  /** Whether another send would fit every window now (does not count it), and if not, when it will. */
  check(userId: string): Promise<LimitVerdict>;
  /** Counts one send atomically when it fits; when it does not, nothing is counted. */
  tryConsume(userId: string): Promise<LimitVerdict>;
  /** Forgets the user's counted sends: an operator lifting the limit. */
  reset(userId: string): Promise<void>;
}

/** The same limits on separate counters, e.g. authenticator attempts beside code sends. */
export function countedSeparately(scope: string, limiter: SendRateLimiter): SendRateLimiter {
  return {
    check: (userId) => limiter.check(`${scope}:${userId}`),
    tryConsume: (userId) => limiter.tryConsume(`${scope}:${userId}`),
    reset: (userId) => limiter.reset(`${scope}:${userId}`),
  };
}
