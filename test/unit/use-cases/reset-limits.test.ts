import type { SendRateLimiter } from '../../../functions/ports/send-rate-limiter';
import { resetLimits } from '../../../functions/use-cases/reset-limits';
import { ALICE, BOB, fakeWorld, type FakeWorld } from '../../support/fakes/fake-deps';

async function exhaust(limiter: SendRateLimiter, userId: string): Promise<void> {
  for (let i = 0; i < 1_000 && (await limiter.tryConsume(userId)).allowed; i++);
}

describe('resetLimits (an operator lifts a user’s S8 limits)', () => {
  let world: FakeWorld;
  let limiters: SendRateLimiter[];
  beforeEach(async () => {
    world = fakeWorld();
    limiters = [world.deps.sendLimiter, world.deps.attemptLimiter, world.deps.activationLimiter];
    for (const limiter of limiters) {
      await exhaust(limiter, ALICE.userId);
      await exhaust(limiter, BOB.userId);
    }
  });

  it('lets code sends, code attempts and authenticator activations count afresh for that user only', async () => {
    expect(await resetLimits(world.deps, ALICE.userId)).toBe('reset');

    for (const limiter of limiters) {
      expect(await limiter.check(ALICE.userId)).toMatchObject({ allowed: true });
      expect(await limiter.check(BOB.userId)).toMatchObject({ allowed: false });
    }
  });

  it('audits "Limit Reset" for the user, naming the limits, since it widens what a guesser could try', async () => {
    await resetLimits(world.deps, ALICE.userId);

    expect(world.audit.events).toEqual([
      {
        source: expect.any(String),
        detailType: 'Limit Reset',
        time: new Date(world.clock.now()).toISOString(),
        detail: expect.objectContaining({ userId: 'alice', commandId: 'none', limits: 'sends attempts activations' }),
      },
    ]);
  });

  it('answers unknown-user for an id VoiceGate does not know, and audits nothing', async () => {
    expect(await resetLimits(world.deps, 'mallory')).toBe('unknown-user');

    expect(world.audit.events).toEqual([]);
  });
});
