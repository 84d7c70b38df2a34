import type { SendLimit } from '../../../functions/domain/send-limits';
import type { Clock } from '../../../functions/ports/clock';
import type { SendRateLimiter } from '../../../functions/ports/send-rate-limiter';
import { FakeClock } from '../../support/fake-clock';
import { freshPerTest, type MakeFixture } from './fixture';

/** Limiters over one shared counter store, each with its own limits and clock. */
export type LimiterFactory = (limits: SendLimit[], clock: Clock) => SendRateLimiter;

const USER = 'user-alice';
/** On a day boundary, so every window below starts here. */
const START = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;
const perMinute = (max: number): SendLimit => ({ name: 'minute', windowSeconds: 60, max });
const perHour = (max: number): SendLimit => ({ name: 'hour', windowSeconds: 3600, max });

async function consume(limiter: SendRateLimiter, times: number, userId = USER): Promise<boolean[]> {
  const results: boolean[] = [];
  for (let i = 0; i < times; i++) results.push(await limiter.tryConsume(userId));
  return results;
}

export function sendRateLimiterContract(name: string, makeLimiters: MakeFixture<LimiterFactory>): void {
  describe(`SendRateLimiter contract: ${name}`, () => {
    const limiters = freshPerTest(makeLimiters);
    let clock: FakeClock;
    beforeEach(() => {
      clock = new FakeClock(START);
    });
    const limiterWith = (limits: SendLimit[]) => limiters()(limits, clock);

    it('allows sends up to the configured limit, then refuses (S8)', async () => {
      const limiter = limiterWith([perMinute(3)]);

      expect(await consume(limiter, 4)).toEqual([true, true, true, false]);
      expect(await limiter.canSend(USER)).toBe(false);
    });

    it('canSend answers without counting', async () => {
      const limiter = limiterWith([perMinute(2)]);

      for (let i = 0; i < 5; i++) expect(await limiter.canSend(USER)).toBe(true);

      expect(await consume(limiter, 3)).toEqual([true, true, false]);
    });

    it('enforces every configured window', async () => {
      const limiter = limiterWith([perMinute(3), perHour(4)]);
      await consume(limiter, 3);
      clock.advance(MINUTE);

      expect(await consume(limiter, 2)).toEqual([true, false]);
      expect(await limiter.canSend(USER)).toBe(false);
    });

    it('rolls back the earlier window when a later one is full', async () => {
      const limiter = limiterWith([perMinute(5), perHour(1)]);
      await consume(limiter, 1);

      expect(await limiter.tryConsume(USER)).toBe(false);

      // The minute counter must still read 1: a limiter allowing 2 a minute may send once more.
      const minuteOnly = limiterWith([perMinute(2)]);
      expect(await consume(minuteOnly, 2)).toEqual([true, false]);
    });

    it("counts each user separately: one user's full window does not affect another", async () => {
      const limiter = limiterWith([perMinute(2)]);
      await consume(limiter, 2);

      expect(await limiter.canSend('user-bob')).toBe(true);
      expect(await consume(limiter, 2, 'user-bob')).toEqual([true, true]);
      expect(await limiter.canSend(USER)).toBe(false);
    });

    it('starts a new window once the clock moves past the old one', async () => {
      const limiter = limiterWith([perMinute(2)]);
      await consume(limiter, 2);
      clock.advance(MINUTE - 1);
      expect(await limiter.tryConsume(USER)).toBe(false);

      clock.advance(1);

      expect(await limiter.canSend(USER)).toBe(true);
      expect(await consume(limiter, 3)).toEqual([true, true, false]);
    });
  });
}
