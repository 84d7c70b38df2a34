import { DEFAULT_SEND_LIMITS, sendWindows, type SendLimit } from '../../../functions/domain/send-limits';

const DAY_START = Date.UTC(2026, 0, 1); // a day (and 15-minute) boundary
const DAY_START_S = DAY_START / 1000;
const MIN15 = 15 * 60_000;

describe('DEFAULT_SEND_LIMITS (S8)', () => {
  it('are 5 per 15 minutes and 20 per day', () => {
    expect(DEFAULT_SEND_LIMITS).toEqual([
      { name: '15m', windowSeconds: 900, max: 5 },
      { name: '1d', windowSeconds: 86_400, max: 20 },
    ]);
  });
});

describe('sendWindows', () => {
  it('keys each window by user, limit name and window start (epoch seconds)', () => {
    const at = DAY_START + 7 * 60_000 + 123;

    expect(sendWindows('alice', at, DEFAULT_SEND_LIMITS)).toEqual([
      { key: `alice#15m#${DAY_START_S}`, max: 5, expiresAt: DAY_START_S + 900 },
      { key: `alice#1d#${DAY_START_S}`, max: 20, expiresAt: DAY_START_S + 86_400 },
    ]);
  });

  it('starts a new window exactly at the boundary, not a millisecond earlier', () => {
    const [lastOfFirst] = sendWindows('alice', DAY_START + MIN15 - 1, DEFAULT_SEND_LIMITS);
    const [firstOfNext] = sendWindows('alice', DAY_START + MIN15, DEFAULT_SEND_LIMITS);

    expect(lastOfFirst!.key).toBe(`alice#15m#${DAY_START_S}`);
    expect(firstOfNext!.key).toBe(`alice#15m#${DAY_START_S + 900}`);
    expect(firstOfNext!.expiresAt).toBe(DAY_START_S + 1800);
  });

  it('keeps the day window across 15-minute boundaries and rolls it at midnight UTC', () => {
    const day = (at: number) => sendWindows('alice', at, DEFAULT_SEND_LIMITS)[1]!.key;

    expect(day(DAY_START + MIN15)).toBe(day(DAY_START));
    expect(day(DAY_START + 86_400_000 - 1)).toBe(day(DAY_START));
    expect(day(DAY_START + 86_400_000)).toBe(`alice#1d#${DAY_START_S + 86_400}`);
  });

  it('gives every user their own counters', () => {
    const keys = (user: string) => sendWindows(user, DAY_START, DEFAULT_SEND_LIMITS).map((w) => w.key);
    const bobs = keys('bob');
    expect(keys('alice').filter((key) => bobs.includes(key))).toEqual([]);
    expect(bobs[0]).toBe(`bob#15m#${DAY_START_S}`);
  });

  it('aligns windows to the epoch, whatever the limits', () => {
    const limits: SendLimit[] = [{ name: 'minute', windowSeconds: 60, max: 2 }];
    const [window] = sendWindows('u', DAY_START + 90_500, limits);

    expect(window).toEqual({ key: `u#minute#${DAY_START_S + 60}`, max: 2, expiresAt: DAY_START_S + 120 });
  });

  it('has one window per limit and none without limits', () => {
    expect(sendWindows('alice', DAY_START, [])).toEqual([]);
  });
});
