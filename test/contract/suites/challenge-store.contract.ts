import type { Challenge } from '../../../functions/domain/challenge';
import type { ChallengeStore } from '../../../functions/ports/challenge-store';
import { freshPerTest, type MakeFixture } from './fixture';

const USER = 'user-alice';

function aChallenge(overrides: Partial<Challenge> = {}): Challenge {
  return {
    userId: USER,
    commandId: 'cmd-1',
    executionId: 'exec-1',
    action: 'start',
    target: 'splunk',
    resource: 'i-0123456789abcdef0',
    policyTarget: 'splunk',
    sealedTaskToken: 'v1.sealed-token-1',
    codeHash: 'hash-1',
    channel: 'sms',
    maskedDestination: '***01',
    issuedAt: 1_767_225_600_000,
    expiresAt: 1_767_225_900_000,
    attemptsLeft: 3,
    status: 'pending',
    version: 1,
    ...overrides,
  };
}

export function challengeStoreContract(name: string, makeStore: MakeFixture<ChallengeStore>): void {
  describe(`ChallengeStore contract: ${name}`, () => {
    const store = freshPerTest(makeStore);

    it('has no challenge for a user who has none', async () => {
      expect(await store().get(USER)).toBeUndefined();
    });

    it('replace stores a first challenge and reports that it replaced nothing', async () => {
      const challenge = aChallenge();

      const previous = await store().replace(challenge);

      expect(previous).toBeUndefined();
      expect(await store().get(USER)).toEqual(challenge);
    });

    it('replace returns the challenge it superseded (S13)', async () => {
      const first = aChallenge();
      const second = aChallenge({ commandId: 'cmd-2', executionId: 'exec-2' });
      await store().replace(first);

      const previous = await store().replace(second);

      expect(previous).toEqual(first);
      expect(await store().get(USER)).toEqual(second);
    });

    it('save writes the next version of the same command', async () => {
      await store().replace(aChallenge());
      const next = aChallenge({ version: 2, attemptsLeft: 2 });

      expect(await store().save(next, 1)).toBe(true);
      expect(await store().get(USER)).toEqual(next);
    });

    it('save refuses a stale expected version and leaves the challenge alone', async () => {
      const current = aChallenge({ version: 2 });
      await store().replace(current);

      expect(await store().save(aChallenge({ version: 2, status: 'verified' }), 1)).toBe(false);
      expect(await store().get(USER)).toEqual(current);
    });

    it('save refuses to overwrite the challenge of another command', async () => {
      const newer = aChallenge({ commandId: 'cmd-2' });
      await store().replace(newer);

      expect(await store().save(aChallenge({ version: 2, status: 'verified' }), 1)).toBe(false);
      expect(await store().get(USER)).toEqual(newer);
    });

    it('save refuses when there is no challenge at all', async () => {
      expect(await store().save(aChallenge({ version: 2 }), 1)).toBe(false);
      expect(await store().get(USER)).toBeUndefined();
    });

    it('lets exactly one of many concurrent saves at the same version win (S3)', async () => {
      await store().replace(aChallenge());
      const contenders = Array.from({ length: 10 }, (_, i) => aChallenge({ version: 2, codeHash: `contender-${i}` }));

      const results = await Promise.all(contenders.map((next) => store().save(next, 1)));

      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store().get(USER)).toEqual(contenders[results.indexOf(true)]);
    });

    it('remove leaves a challenge that belongs to another command', async () => {
      const newer = aChallenge({ commandId: 'cmd-2' });
      await store().replace(newer);

      await store().remove(USER, 'cmd-1');

      expect(await store().get(USER)).toEqual(newer);
    });

    it('remove deletes the challenge of the given command', async () => {
      await store().replace(aChallenge());

      await store().remove(USER, 'cmd-1');

      expect(await store().get(USER)).toBeUndefined();
    });

    it('remove of a challenge that is already gone does nothing', async () => {
      await expect(store().remove(USER, 'cmd-1')).resolves.toBeUndefined();
    });

    it("keeps each user's challenge apart", async () => {
      const bobs = aChallenge({ userId: 'user-bob', commandId: 'cmd-9' });
      await store().replace(aChallenge());
      await store().replace(bobs);

      await store().remove(USER, 'cmd-1');

      expect(await store().get('user-bob')).toEqual(bobs);
    });
  });
}
