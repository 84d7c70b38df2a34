import type { Clock } from '../../../functions/ports/clock';
import { LAMBDA_POLL_PACE, LOCAL_POLL_PACE, type PollPace, waitUntil } from '../../../functions/use-cases/wait-until';

/** A clock whose sleeps pass at once: the waits below take no real time, so they read only this clock. */
function instantClock(): Clock {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  };
}

/** When each probe ran (on the clock), for a probe that never finds anything within `timeoutMs`. */
async function probeTimes(pace: PollPace, timeoutMs: number): Promise<number[]> {
  const clock = instantClock();
  const times: number[] = [];
  const probe = async () => {
    times.push(clock.now());
    return undefined;
  };
  expect(await waitUntil(probe, timeoutMs, pace, clock)).toBeUndefined();
  return times;
}

const gapsBetween = (times: number[]) => times.slice(1).map((time, i) => time - times[i]!);

describe('waitUntil paces its reads by the host setting, on the injected clock', () => {
  it('on Lambda reads at least 100 ms apart: at most 21 reads in a 2-second wait', async () => {
    const times = await probeTimes(LAMBDA_POLL_PACE, 2000);

    expect(Math.min(...gapsBetween(times))).toBeGreaterThanOrEqual(100);
    expect(times.length).toBeLessThanOrEqual(21);
    expect(times.at(-1)).toBeLessThanOrEqual(2000);
  });

  it('on one machine starts at 1 ms and doubles up to 10 ms, so an outcome is seen at once', async () => {
    const gaps = gapsBetween(await probeTimes(LOCAL_POLL_PACE, 100));

    expect(gaps.slice(0, 5)).toEqual([1, 2, 4, 8, 10]);
    expect(Math.max(...gaps)).toBe(10);
  });

  it('returns the first value the probe finds, and gives up after one read when no time is allowed', async () => {
    let reads = 0;
    const found = await waitUntil(async () => (++reads === 3 ? 'done' : undefined), 1000, LAMBDA_POLL_PACE, instantClock());

    expect(found).toBe('done');
    expect(await probeTimes(LAMBDA_POLL_PACE, 0)).toHaveLength(1);
  });
});
