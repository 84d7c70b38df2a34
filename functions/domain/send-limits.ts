/** S8: fixed windows that cap how many codes one user can be sent. */
export interface SendLimit {
  name: string;
  windowSeconds: number;
  max: number;
}

export const DEFAULT_SEND_LIMITS: SendLimit[] = [
  { name: '15m', windowSeconds: 15 * 60, max: 5 },
  { name: '1d', windowSeconds: 24 * 60 * 60, max: 20 },
];

export interface SendWindow {
  /** Counter key: user, limit name and window start. */
  key: string;
  max: number;
  /** Epoch seconds after which the counter is useless (for TTL). */
  expiresAt: number;
}

export function sendWindows(userId: string, now: number, limits: SendLimit[]): SendWindow[] {
  const seconds = Math.floor(now / 1000);
  return limits.map((limit) => {
    const start = seconds - (seconds % limit.windowSeconds);
    return { key: `${userId}#${limit.name}#${start}`, max: limit.max, expiresAt: start + limit.windowSeconds };
  });
}
