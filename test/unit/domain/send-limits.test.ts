import { DEFAULT_SEND_LIMITS, judgeSend, minutesUntil, recentSends, withSend, type SendLimit } from '../../../functions/domain/send-limits';

const T = Date.UTC(2026, 0, 1); // a day (and 15-minute) boundary
const MINUTE = 60_000;
const perMinute = (max: number): SendLimit => ({ name: 'minute', windowSeconds: 60, max });

describe('DEFAULT_SEND_LIMITS (S8)', () => {
  it('are 5 per 15 minutes and 20 per day', () => {
    expect(DEFAULT_SEND_LIMITS).toEqual([
      { name: '15m', windowSeconds: 900, max: 5 },
      { name: '1d', windowSeconds: 86_400, max: 20 },
    ]);
  });
});

describe('judgeSend (rolling windows)', () => {
  it('allows a send while every window has room', () => {
    expect(judgeSend([T, T + 1], T + 2, [perMinute(3)])).toEqual({ allowed: true });
  });

  it('counts a send for exactly its window: it stops counting windowSeconds after it was made', () => {
    const log = [T, T + 10_000];

    expect(judgeSend(log, T + MINUTE - 1, [perMinute(2)])).toEqual({ allowed: false, retryAt: T + MINUTE });
    expect(judgeSend(log, T + MINUTE, [perMinute(2)])).toEqual({ allowed: true });
  });

  it('counts a send against a shorter window only while it is inside that window, not the longest one', () => {
    const limits: SendLimit[] = [perMinute(1), { name: 'hour', windowSeconds: 3600, max: 10 }];

    expect(judgeSend([T - 2 * MINUTE], T, limits)).toEqual({ allowed: true });
    expect(judgeSend([T - MINUTE], T, limits)).toEqual({ allowed: true });
    expect(judgeSend([T - MINUTE + 1], T, limits)).toEqual({ allowed: false, retryAt: T + 1 });
  });

  it('a full window frees up when enough of its oldest sends age out, not at a boundary', () => {
    const log = [T + 5_000, T + 20_000, T + 30_000];

    expect(judgeSend(log, T + 40_000, [perMinute(2)])).toEqual({ allowed: false, retryAt: T + 20_000 + MINUTE });
  });

  it('names the latest time over all full windows', () => {
    const limits = [perMinute(1), { name: 'hour', windowSeconds: 3600, max: 2 }];

    expect(judgeSend([T, T + 2 * MINUTE], T + 2 * MINUTE + 1, limits)).toEqual({ allowed: false, retryAt: T + 60 * MINUTE });
  });

  it('ignores the order the log is stored in', () => {
    expect(judgeSend([T + 30_000, T], T + 40_000, [perMinute(2)])).toEqual({ allowed: false, retryAt: T + MINUTE });
  });
});

describe('recentSends and withSend', () => {
  it('keep only the sends inside the longest window, oldest first', () => {
    const log = [T + 2 * MINUTE, T, T + 90_000];

    expect(recentSends(log, T + 2 * MINUTE + 1, [perMinute(5)])).toEqual([T + 90_000, T + 2 * MINUTE]);
    expect(withSend(log, T + 2 * MINUTE + 1, [perMinute(5)])).toEqual([T + 90_000, T + 2 * MINUTE, T + 2 * MINUTE + 1]);
  });

  it('never grow past what the longest window can hold', () => {
    let log: number[] = [];
    for (let i = 0; i < 500; i++) {
      const now = T + i * 5 * MINUTE;
      if (judgeSend(log, now, DEFAULT_SEND_LIMITS).allowed) log = withSend(log, now, DEFAULT_SEND_LIMITS);
    }
    expect(log.length).toBeLessThanOrEqual(20);
  });
});

describe('minutesUntil', () => {
  it('rounds up to whole minutes, and says at least one', () => {
    expect(minutesUntil(T + 8 * MINUTE + 1, T)).toBe(9);
    expect(minutesUntil(T + 9 * MINUTE, T)).toBe(9);
    expect(minutesUntil(T + 1, T)).toBe(1);
    expect(minutesUntil(T - 5, T)).toBe(1);
  });
});
