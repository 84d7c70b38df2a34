import type { Command } from '../../../functions/domain/command';
import type { ChallengeStore } from '../../../functions/ports/challenge-store';
import { issueChallenge, taskTokenOf } from '../../../functions/use-cases/issue-challenge';
import { unlockFrontDoor } from '../../support/fakes/in-memory-devices';
import { ALICE, SPLUNK, WEB, fakeWorld, type FakeWorld } from '../../support/fakes/fake-deps';

let seq = 0;
function commandFor(userId = 'alice', instance = SPLUNK): Command {
  return {
    commandId: `cmd-${++seq}`,
    userId,
    action: 'start',
    target: instance.alias,
    policyTarget: instance.alias,
    instanceId: instance.instanceId,
    requestedAt: '2026-01-01T00:00:00.000Z',
  };
}

async function issue(world: FakeWorld, code: string, command = commandFor()) {
  const { executionId } = await world.workflow.start({ command });
  const taskToken = world.workflow.tokenOf(executionId);
  world.codes.push(code);
  await issueChallenge(world.deps, { command, executionId, taskToken });
  return { command, executionId, taskToken };
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: Error) => error,
  );
}

describe('issueChallenge (the send-code step)', () => {
  let world: FakeWorld;
  beforeEach(() => {
    world = fakeWorld();
  });

  it('stores only a keyed hash of the code, with the sealed task token, lifetime and attempts (S2, S4, S5)', async () => {
    const { command, executionId, taskToken } = await issue(world, '482913');

    const challenge = await world.challenges.get('alice');
    expect(await taskTokenOf(world.deps, challenge!)).toBe(taskToken);
    expect(challenge).toMatchObject({
      commandId: command.commandId,
      executionId,
      resource: SPLUNK.instanceId,
      policyTarget: 'splunk',
      status: 'pending',
      attemptsLeft: 3,
      channel: 'sms',
      maskedDestination: '***01',
      issuedAt: world.clock.now(),
      expiresAt: world.clock.now() + 300_000,
      version: 1,
    });
    expect(JSON.stringify(challenge)).not.toContain('482913');
    expect(world.hasher.matches('482913', 'alice', command.commandId, challenge!.codeHash)).toBe(true);
  });

  it('sends the code to the preferred channel in a message naming the action', async () => {
    await issue(world, '482913');

    expect(world.outbox.messages).toEqual([
      {
        channel: 'sms',
        to: ALICE.phone,
        subject: 'VoiceGate code to start splunk',
        body: "VoiceGate code 482913 to start splunk. Expires in 5 minutes. Didn't ask? Ignore this message.",
      },
    ]);
  });

  it('audits "Code Sent" with the channel and the masked destination only (S12)', async () => {
    const { command, executionId } = await issue(world, '482913');

    expect(world.audit.events).toHaveLength(1);
    expect(world.audit.events[0]).toMatchObject({
      detailType: 'Code Sent',
      detail: { commandId: command.commandId, executionId, userId: 'alice', channel: 'sms', destination: '***01' },
    });
    expect(JSON.stringify(world.audit.events)).not.toMatch(/482913|5555550101|alice@|taskToken/);
  });

  it('fails with DeliveryFailed, leaving no challenge and no audit event, when the provider refuses', async () => {
    world.outbox.failWith = new Error('SNS is down');

    const error = await failureOf(issue(world, '482913'));

    expect(error.name).toBe('DeliveryFailed');
    expect(await world.challenges.get('alice')).toBeUndefined();
    expect(world.audit.events).toEqual([]);
  });

  it('fails with DeliveryFailed, sending nothing, when the send limit is reached (S8)', async () => {
    for (let i = 0; i < 5; i++) await issue(world, `00000${i}`);

    const error = await failureOf(issue(world, '482913'));

    expect(error.name).toBe('DeliveryFailed');
    expect(world.outbox.messages).toHaveLength(5);
  });

  it('refuses, sending nothing, a command for a user who does not exist', async () => {
    const error = await failureOf(issue(world, '482913', commandFor('carol')));

    expect(error).toMatchObject({ name: 'CommandRefused', message: 'the user does not exist' });
    expect(world.outbox.messages).toEqual([]);
  });

  it("supersedes the user's previous pending command (S13)", async () => {
    const first = await issue(world, '111111');
    const second = await issue(world, '222222', commandFor('alice', WEB));

    expect(await world.workflow.describe(first.executionId)).toMatchObject({ status: 'FAILED', error: 'CommandSuperseded' });
    expect((await world.workflow.describe(second.executionId))?.status).toBe('RUNNING');
    expect((await world.challenges.get('alice'))?.commandId).toBe(second.command.commandId);
  });

  it('does not touch a previous command that is no longer pending, nor another user', async () => {
    const alices = await issue(world, '111111');
    await world.workflow.sendTaskSuccess(alices.taskToken, {});
    await world.challenges.save({ ...(await world.challenges.get('alice'))!, status: 'verified', version: 2 }, 1);
    const bobs = await issue(world, '333333', commandFor('bob', WEB));

    await issue(world, '222222');

    expect((await world.workflow.describe(alices.executionId))?.status).toBe('SUCCEEDED');
    expect((await world.workflow.describe(bobs.executionId))?.status).toBe('RUNNING');
  });

  describe('retried by the workflow after a transient Lambda error (a new task token, same execution)', () => {
    it('sends no second code, counts no second send, and moves the same challenge to the new token', async () => {
      const first = await issue(world, '482913');
      const before = (await world.challenges.get('alice'))!;

      await issueChallenge(world.deps, { command: first.command, executionId: first.executionId, taskToken: 'token-of-the-retry' });

      expect(world.outbox.messages).toHaveLength(1);
      expect(world.audit.events.map((event) => event.detailType)).toEqual(['Code Sent']);
      const after = (await world.challenges.get('alice'))!;
      expect(after).toEqual({ ...before, sealedTaskToken: after.sealedTaskToken, version: before.version + 1 });
      expect(await taskTokenOf(world.deps, after)).toBe('token-of-the-retry');
      expect(world.hasher.matches('482913', 'alice', first.command.commandId, before.codeHash)).toBe(true);
      expect((await world.workflow.describe(first.executionId))?.status).toBe('RUNNING');
    });

    it('re-reads the challenge after each write it loses to a concurrent change, and takes it over on the fifth try', async () => {
      const first = await issue(world, '482913');
      const store = world.challenges;
      let racesLeft = 4;
      const challenges: ChallengeStore = {
        get: (userId) => store.get(userId),
        replace: (challenge) => store.replace(challenge),
        remove: (userId, commandId) => store.remove(userId, commandId),
        save: async (next, version) => {
          if (racesLeft-- > 0) {
            const current = (await store.get(next.userId))!;
            await store.save({ ...current, version: current.version + 1 }, current.version);
          }
          return store.save(next, version);
        },
      };

      await issueChallenge({ ...world.deps, challenges }, { ...first, taskToken: 'token-of-the-retry' });

      expect(await taskTokenOf(world.deps, (await store.get('alice'))!)).toBe('token-of-the-retry');
    });

    it('changes nothing when the retry carries the token the challenge already has', async () => {
      const first = await issue(world, '482913');
      const before = await world.challenges.get('alice');

      await issueChallenge(world.deps, first);

      expect(await world.challenges.get('alice')).toEqual(before);
      expect(world.outbox.messages).toHaveLength(1);
    });

    it('ends the command as cancelled when its challenge ended before the retry (no new code)', async () => {
      const first = await issue(world, '482913');
      const pending = (await world.challenges.get('alice'))!;
      await world.challenges.save({ ...pending, status: 'cancelled', version: pending.version + 1 }, pending.version);

      const error = await failureOf(issueChallenge(world.deps, { ...first, taskToken: 'token-of-the-retry' }));

      expect(error.name).toBe('CommandCancelled');
      expect(world.outbox.messages).toHaveLength(1);
    });
  });

  it('supersedes quietly when the previous task already ended', async () => {
    const first = await issue(world, '111111');
    world.workflow.timeOut(first.executionId);

    await expect(issue(world, '222222')).resolves.toBeDefined();
  });

  describe('verifies, never trusts its input (issue 11)', () => {
    async function refusal(command: Command): Promise<string> {
      const error = await failureOf(issue(world, '482913', command));
      expect(world.outbox.messages).toEqual([]);
      expect(await world.challenges.get(command.userId)).toBeUndefined();
      return `${error.name}: ${error.message}`;
    }

    it("an execution input naming another instance sends no code: bob's phone never hears of splunk", async () => {
      const forged = { ...commandFor('bob', WEB), instanceId: SPLUNK.instanceId };

      expect(await refusal(forged)).toBe('CommandRefused: the instance does not carry that alias');
      expect(world.audit.events).toEqual([
        expect.objectContaining({
          detailType: 'Command Denied',
          detail: expect.objectContaining({ userId: 'bob', reason: 'the instance does not carry that alias' }),
        }),
      ]);
    });

    it("an execution input naming another user's device sends no code", async () => {
      const forged: Command = unlockFrontDoor('bob', 'cmd-bob-door');

      expect(await refusal(forged)).toBe('CommandRefused: the user does not own that device');
    });

    it('a target the user may not control sends no code', async () => {
      expect(await refusal(commandFor('bob', SPLUNK))).toBe('CommandRefused: target not allowed by policy');
    });

    it('two instances carrying the same alias send no code: the command is refused and audited', async () => {
      world.fleet.add({ instanceId: 'i-0second', alias: 'web', state: 'running' });

      expect(await refusal(commandFor('bob', WEB))).toBe('CommandRefused: duplicate alias');
      expect(world.audit.events[0]?.detail).toMatchObject({ reason: 'duplicate alias' });
    });

    it('the task token is stored sealed: the stored challenge does not carry it, and it opens only for its own command', async () => {
      const { command, taskToken } = await issue(world, '482913');
      const stored = (await world.challenges.get('alice'))!;

      expect(JSON.stringify(stored)).not.toContain(taskToken);
      await expect(taskTokenOf(world.deps, { ...stored, commandId: 'cmd-other' })).rejects.toThrow(/does not open/);
      await expect(taskTokenOf(world.deps, { ...stored, userId: 'bob' })).rejects.toThrow(/does not open/);
      expect(await taskTokenOf(world.deps, stored)).toBe(taskToken);
      expect(stored.commandId).toBe(command.commandId);
    });
  });

  describe('one policy target for request, send and resend (issue 11, hole 5)', () => {
    it("the code for a device is chosen by the device's name in the policy", async () => {
      world = fakeWorld({ factorPolicy: { ...world.settings.factorPolicy, targets: { 'front door': ['email'] } } });
      const unlock: Command = unlockFrontDoor('alice', 'cmd-door');

      await issue(world, '482913', unlock);

      expect(world.outbox.messages.map((m) => m.channel)).toEqual(['email']);
      expect((await world.challenges.get('alice'))?.policyTarget).toBe('front door');
    });
  });
});
