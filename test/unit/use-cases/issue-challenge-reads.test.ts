/**
 * issueChallenge reads the user's current challenge while it checks the command (a round trip
 * fewer on a cold start), and still answers, counts, delivers and stores in the order the rules
 * set: a refusal first, then S8's count → deliver → store.
 */
import type { Command } from '../../../functions/domain/command';
import { issueChallenge, type IssueChallengeDeps } from '../../../functions/use-cases/issue-challenge';
import { aliceStartsSplunk, fakeWorld, type FakeWorld } from '../../support/fakes/fake-deps';

const startSplunk = (userId: string, commandId = 'cmd-1'): Command => aliceStartsSplunk({ userId, commandId });

async function send(world: FakeWorld, deps: IssueChallengeDeps, command: Command): Promise<void> {
  const { executionId } = await world.workflow.start({ command });
  world.codes.push('482913');
  await issueChallenge(deps, { command, executionId, taskToken: world.workflow.tokenOf(executionId) });
}

/** Deps whose ports note each call (and answer) in `events`, in the order they happen. */
function noted(world: FakeWorld, events: string[]): IssueChallengeDeps {
  const { deps } = world;
  return {
    ...deps,
    users: {
      ...deps.users,
      get: async (userId) => {
        events.push('user asked');
        const user = await deps.users.get(userId);
        events.push('user answered');
        return user;
      },
    },
    challenges: {
      save: (challenge, expectedVersion) => deps.challenges.save(challenge, expectedVersion),
      remove: (userId, commandId) => deps.challenges.remove(userId, commandId),
      get: async (userId) => {
        events.push('challenge read');
        return deps.challenges.get(userId);
      },
      replace: async (challenge) => {
        events.push('challenge stored');
        return deps.challenges.replace(challenge);
      },
    },
    sendLimiter: {
      ...deps.sendLimiter,
      tryConsume: async (userId) => {
        events.push('send counted');
        return deps.sendLimiter.tryConsume(userId);
      },
    },
    messages: {
      send: async (message) => {
        events.push('code delivered');
        return deps.messages.send(message);
      },
    },
    audit: {
      publish: async (event) => {
        events.push(`audited ${event.detailType}`);
        return deps.audit.publish(event);
      },
    },
  };
}

/** Rejections nobody handled while `run` ran (a prefetched read left unawaited would be one). */
async function unhandledRejectionsDuring(run: () => Promise<unknown>): Promise<unknown[]> {
  const unhandled: unknown[] = [];
  const note = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', note);
  try {
    await run().catch(() => undefined);
    await new Promise((settled) => setImmediate(settled));
  } finally {
    process.off('unhandledRejection', note);
  }
  return unhandled;
}

describe("issueChallenge: the user's challenge is read alongside the command check", () => {
  it('asks for the current challenge before the user read has answered', async () => {
    const world = fakeWorld();
    const events: string[] = [];

    await send(world, noted(world, events), startSplunk('alice'));

    expect(events.indexOf('challenge read')).toBeLessThan(events.indexOf('user answered'));
  });

  it('counts the send, then delivers and audits the code, and only then stores the challenge (S8)', async () => {
    const world = fakeWorld();
    const events: string[] = [];

    await send(world, noted(world, events), startSplunk('alice'));

    expect(events.slice(events.indexOf('send counted'))).toEqual(['send counted', 'code delivered', 'audited Code Sent', 'challenge stored']);
  });

  it('a retried attempt still takes its challenge over with the early read: no second code, no second count', async () => {
    const world = fakeWorld();
    const command = startSplunk('alice');
    const { executionId } = await world.workflow.start({ command });
    world.codes.push('482913');
    await issueChallenge(world.deps, { command, executionId, taskToken: 'token-of-the-first-attempt' });
    const events: string[] = [];

    await issueChallenge(noted(world, events), { command, executionId, taskToken: 'token-of-the-retry' });

    expect(events).not.toContain('send counted');
    expect(events.filter((event) => event === 'challenge read')).toHaveLength(1);
    expect(world.outbox.messages).toHaveLength(1);
    expect((await world.challenges.get('alice'))?.version).toBe(2);
  });

  const failingChallengeRead = (world: FakeWorld, events: string[] = []): IssueChallengeDeps => {
    const deps = noted(world, events);
    return { ...deps, challenges: { ...deps.challenges, get: async () => Promise.reject(new Error('DynamoDB is throttling')) } };
  };

  it('refuses an unknown user as unknown even when the challenge read fails, and leaves no rejection unhandled', async () => {
    const world = fakeWorld();
    let refusal: unknown;

    const unhandled = await unhandledRejectionsDuring(() =>
      send(world, failingChallengeRead(world), startSplunk('mallory')).catch((error: unknown) => {
        refusal = error;
      }),
    );

    expect(refusal).toMatchObject({ name: 'CommandRefused', message: 'the user does not exist' });
    expect(world.audit.events.map((event) => event.detailType)).toEqual(['Command Denied']);
    expect(unhandled).toEqual([]);
  });

  it('fails with the challenge read, counting and sending nothing, when the command passes', async () => {
    const world = fakeWorld();
    const events: string[] = [];

    await expect(send(world, failingChallengeRead(world, events), startSplunk('alice'))).rejects.toThrow('DynamoDB is throttling');

    expect(events).not.toContain('send counted');
    expect(events).not.toContain('code delivered');
    expect(await world.challenges.get('alice')).toBeUndefined();
  });

  it("supersedes the user's previous pending command with the challenge read early (S13)", async () => {
    const world = fakeWorld();
    await send(world, world.deps, startSplunk('alice', 'cmd-first'));
    const first = (await world.challenges.get('alice'))!;

    await send(world, noted(world, []), startSplunk('alice', 'cmd-second'));

    expect(await world.workflow.describe(first.executionId)).toMatchObject({ status: 'FAILED', error: 'CommandSuperseded' });
    expect((await world.challenges.get('alice'))?.commandId).toBe('cmd-second');
  });
});
