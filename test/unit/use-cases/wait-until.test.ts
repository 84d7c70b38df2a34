import { LAMBDA_POLL_PACE, LOCAL_POLL_PACE, waitUntil, type PollPace } from '../../../functions/use-cases/wait-until';

/** When each probe ran (fake time), for a probe that never finds anything within `timeoutMs`. */
async function probeTimes(pace: PollPace, timeoutMs: number): Promise<number[]> {
  const times: number[] = [];
  const waiting = waitUntil(async () => {
    times.push(Date.now());
    return undefined;
  }, timeoutMs, pace);
  await jest.runAllTimersAsync();
  await waiting;
  return times;
}

describe('waitUntil paces its reads by the host setting', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('on Lambda reads at least 100 ms apart: at most 21 reads in a 2-second wait', async () => {
    const times = await probeTimes(LAMBDA_POLL_PACE, 2000);
    const gaps = times.slice(1).map((time, i) => time - times[i]!);

    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(100);
    expect(times.length).toBeLessThanOrEqual(21);
  });

  it('on one machine starts at 1 ms and doubles up to 10 ms, so an outcome is seen at once', async () => {
    const times = await probeTimes(LOCAL_POLL_PACE, 100);
    const gaps = times.slice(1).map((time, i) => time - times[i]!);

    expect(gaps.slice(0, 5)).toEqual([1, 2, 4, 8, 10]);
    expect(Math.max(...gaps)).toBe(10);
  });

  it('returns the first value the probe finds, and undefined once the time is up', async () => {
    let reads = 0;
    const found = waitUntil(async () => (++reads === 3 ? 'done' : undefined), 1000, LAMBDA_POLL_PACE);
    await jest.runAllTimersAsync();

    expect(await found).toBe('done');
    expect(await probeTimes(LAMBDA_POLL_PACE, 0)).toHaveLength(1);
  });
});
