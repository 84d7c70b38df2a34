import { DEFAULT_SEND_LIMITS, type SendLimit } from '../../../functions/domain/send-limits';
import type { Clock } from '../../../functions/ports/clock';
import type { SendRateLimiter } from '../../../functions/ports/send-rate-limiter';
import { FakeClock } from '../../support/fake-clock';
import { freshPerTest, type MakeFixture } from './fixture';

/** Limiters over one shared store, each with its own limits and clock. */
export type LimiterFactory = (limits: SendLimit[], clock: Clock) => SendRateLimiter;

const USER = 'user-alice';
/** On a day boundary, where a fixed-window limiter would start fresh windows. */
const START = Date.UTC(2026, 0, 1);
const SECOND = 1000;
const MINUTE = 60_000;
const perMinute = (max: number): SendLimit => ({ name: 'minute', windowSeconds: 60, max });
const perHour = (max: number): SendLimit => ({ name: 'hour', windowSeconds: 3600, max });

async function consume(limiter: SendRateLimiter, times: number, userId = USER): Promise<boolean[]> {
  const results: boolean[] = [];
  for (let i = 0; i < times; i++) results.push((await limiter.tryConsume(userId)).allowed);
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
      expect((await limiter.check(USER)).allowed).toBe(false);
    });

    it('check answers without counting', async () => {
      const limiter = limiterWith([perMinute(2)]);

      for (let i = 0; i < 5; i++) expect(await limiter.check(USER)).toEqual({ allowed: true });

      expect(await consume(limiter, 3)).toEqual([true, true, false]);
    });

    it('enforces every configured window', async () => {
      const limiter = limiterWith([perMinute(3), perHour(4)]);
      await consume(limiter, 3);
      clock.advance(MINUTE);

      expect(await consume(limiter, 2)).toEqual([true, false]);
      expect((await limiter.check(USER)).allowed).toBe(false);
    });

    it('a refused send counts nowhere: a full window leaves the other windows as they were', async () => {
      const limiter = limiterWith([perMinute(5), perHour(1)]);
      await consume(limiter, 1);

      expect((await limiter.tryConsume(USER)).allowed).toBe(false);

      const minuteOnly = limiterWith([perMinute(2)]);
      expect(await consume(minuteOnly, 2)).toEqual([true, false]);
    });

    it("counts each user separately: one user's full window does not affect another", async () => {
      const limiter = limiterWith([perMinute(2)]);
      await consume(limiter, 2);

      expect((await limiter.check('user-bob')).allowed).toBe(true);
      expect(await consume(limiter, 2, 'user-bob')).toEqual([true, true]);
      expect((await limiter.check(USER)).allowed).toBe(false);
    });

    it('10 codes cannot be sent in any 15 minutes, not even across a 15-minute boundary', async () => {
      const limiter = limiterWith(DEFAULT_SEND_LIMITS);
      clock.set(START + 15 * MINUTE - 13 * SECOND);
      const results: boolean[] = [];
      for (let i = 0; i < 10; i++) {
        results.push(...(await consume(limiter, 1)));
        clock.advance(2600); // 10 sends in 26 s, straddling the boundary
      }

      expect(results.filter(Boolean)).toHaveLength(5);
    });

    it('40 codes cannot be sent in any day, not even across midnight', async () => {
      const limiter = limiterWith(DEFAULT_SEND_LIMITS);
      clock.set(START - 12 * 60 * MINUTE);
      let sent = 0;
      for (let i = 0; i < 96; i++) {
        sent += (await consume(limiter, 1)).filter(Boolean).length;
        clock.advance(15 * MINUTE); // one try every 15 minutes for a day
      }

      expect(sent).toBe(20);
    });

    it('names when the oldest send in a full window ages out, and allows it from then on', async () => {
      const limiter = limiterWith([perMinute(2)]);
      await consume(limiter, 1);
      clock.advance(20 * SECOND);
      await consume(limiter, 1);
      clock.advance(10 * SECOND);

      expect(await limiter.tryConsume(USER)).toEqual({ allowed: false, retryAt: START + MINUTE });

      clock.set(START + MINUTE - 1);
      expect((await limiter.check(USER)).allowed).toBe(false);
      clock.set(START + MINUTE);
      expect(await consume(limiter, 2)).toEqual([true, false]);
    });

    it('names the later time when two windows are full', async () => {
      const limiter = limiterWith([perMinute(1), perHour(2)]);
      await consume(limiter, 1);
      clock.advance(2 * MINUTE);
      await consume(limiter, 1);

      expect(await limiter.check(USER)).toEqual({ allowed: false, retryAt: START + 60 * MINUTE });
    });

    it('counts concurrent sends exactly: of 12 at once, only the limit gets through', async () => {
      const limiter = limiterWith([perMinute(5)]);

      const results = await Promise.all(Array.from({ length: 12 }, () => limiter.tryConsume(USER)));

      expect(results.filter((verdict) => verdict.allowed)).toHaveLength(5);
      expect((await limiter.check(USER)).allowed).toBe(false);
    });

    it('reset lifts the limit for that user only', async () => {
      const limiter = limiterWith([perMinute(2)]);
      await consume(limiter, 2);
      await consume(limiter, 2, 'user-bob');

      await limiter.reset(USER);

      expect(await consume(limiter, 3)).toEqual([true, true, false]);
      expect((await limiter.check('user-bob')).allowed).toBe(false);
    });

    it('reset of a user with nothing counted is harmless', async () => {
      await expect(limiterWith([perMinute(1)]).reset('user-nobody')).resolves.toBeUndefined();
    });
  });
}
