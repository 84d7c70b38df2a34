import type { Challenge } from '../../../functions/domain/challenge';
import type { Command, InstanceCommand } from '../../../functions/domain/command';
import { ActionFailureReasons } from '../../../functions/domain/errors';
import type { ChallengeStore } from '../../../functions/ports/challenge-store';
import { issueChallenge } from '../../../functions/use-cases/issue-challenge';
import { submitCode } from '../../../functions/use-cases/submit-code';
import { ALICE, BOB, SPLUNK, WEB, fakeWorld, type FakeWorld } from '../../support/fakes/fake-deps';

let seq = 0;
function commandFor(userId: string, instance = SPLUNK, action: InstanceCommand['action'] = 'start'): Command {
  return {
    commandId: `cmd-${++seq}`,
    userId,
    action,
    target: instance.alias,
    policyTarget: instance.alias,
    instanceId: instance.instanceId,
    requestedAt: new Date(0).toISOString(),
  };
}

/** Starts a (fake) workflow and runs the real issue-challenge step with `code`. */
async function pendingCommand(world: FakeWorld, code: string, userId = ALICE.userId, instance = SPLUNK) {
  const command = commandFor(userId, instance);
  const { executionId } = await world.workflow.start({ command });
  world.codes.push(code);
  await issueChallenge(world.deps, { command, executionId, taskToken: world.workflow.tokenOf(executionId) });
  return { command, executionId };
}

describe('submitCode', () => {
  let world: FakeWorld;
  beforeEach(() => {
    world = fakeWorld();
  });

  it('accepts the right code, hands the verification time and factor to the workflow and reports the result', async () => {
    const { executionId } = await pendingCommand(world, '482913');
    world.clock.advance(20_000);

    const outcome = await submitCode(world.deps, 'alice', '482913');

    expect(outcome).toEqual({ kind: 'accepted', result: 'succeeded', action: 'start', target: 'splunk' });
    expect(world.workflow.taskOutputOf(executionId)).toEqual({ factor: 'sms' });
    expect((await world.challenges.get('alice'))?.verifiedAt).toBe(world.clock.now());
    expect((await world.challenges.get('alice'))?.status).toBe('verified');
  });

  it("reports 'failed' when the workflow ends FAILED and 'under-way' when it is still running", async () => {
    world.workflow.afterVerification = 'FAILED';
    await pendingCommand(world, '111111');
    expect(await submitCode(world.deps, 'alice', '111111')).toMatchObject({ kind: 'accepted', result: 'failed' });

    world.workflow.afterVerification = 'RUNNING';
    await pendingCommand(world, '222222');
    expect(await submitCode(world.deps, 'alice', '222222')).toMatchObject({ kind: 'accepted', result: 'under-way' });
  });

  it("reports the failed execution's cause as the reason, else its error, else that the provider refused", async () => {
    const { executionId } = await pendingCommand(world, '111111');
    const failed = { executionId, status: 'FAILED' as const };
    jest.spyOn(world.workflow, 'describe').mockResolvedValueOnce({ ...failed, error: 'ActionFailed', cause: 'StateChanged' });
    expect(await submitCode(world.deps, 'alice', '111111')).toMatchObject({ result: 'failed', reason: 'StateChanged' });

    await pendingCommand(world, '222222');
    jest.spyOn(world.workflow, 'describe').mockResolvedValueOnce({ ...failed, error: 'States.Timeout' });
    expect(await submitCode(world.deps, 'alice', '222222')).toMatchObject({ result: 'failed', reason: 'States.Timeout' });

    await pendingCommand(world, '333333');
    jest.spyOn(world.workflow, 'describe').mockResolvedValueOnce(failed);
    expect(await submitCode(world.deps, 'alice', '333333')).toMatchObject({ result: 'failed', reason: ActionFailureReasons.providerRefused });
  });

  it("marks the verified challenge as awaiting its outcome when the answer is 'under-way', so the outcome is told later", async () => {
    world.workflow.afterVerification = 'RUNNING';
    await pendingCommand(world, '482913');
    const issued = (await world.challenges.get('alice'))!.version;

    await submitCode(world.deps, 'alice', '482913');

    expect(await world.challenges.get('alice')).toMatchObject({ status: 'verified', awaitingOutcome: true, version: issued + 2 });
  });

  describe('waiting for the outcome without hammering Step Functions', () => {
    const describeCalls = () => jest.spyOn(world.workflow, 'describe');

    it('asks the workflow once the ledger shows the action done, and answers from it', async () => {
      const { command } = await pendingCommand(world, '482913');
      await world.ledger.claim(command.commandId, world.clock.now());
      await world.ledger.settle(command.commandId, 'performed');
      const describe = describeCalls();

      expect(await submitCode(world.deps, 'alice', '482913')).toMatchObject({ kind: 'accepted', result: 'succeeded' });
      expect(describe).toHaveBeenCalledTimes(1);
    });

    it("while the action is under way (claimed in the ledger) the workflow is never asked, and the answer is 'under-way'", async () => {
      world.workflow.afterVerification = 'RUNNING';
      const { command } = await pendingCommand(world, '482913');
      await world.ledger.claim(command.commandId, world.clock.now());
      const describe = describeCalls();

      expect(await submitCode(world.deps, 'alice', '482913')).toMatchObject({ kind: 'accepted', result: 'under-way' });
      expect(describe).not.toHaveBeenCalled();
    });
  });

  it("reports 'expired' when the workflow's task already timed out", async () => {
    const { executionId } = await pendingCommand(world, '482913');
    world.workflow.timeOut(executionId);

    expect(await submitCode(world.deps, 'alice', '482913')).toEqual({ kind: 'expired' });
  });

  it('restores leading zeros the number slot dropped', async () => {
    await pendingCommand(world, '004217');

    expect(await submitCode(world.deps, 'alice', '4217')).toMatchObject({ kind: 'accepted', result: 'succeeded' });
  });

  it('a code is single-use (S3): the same code again finds nothing pending', async () => {
    await pendingCommand(world, '482913');
    await submitCode(world.deps, 'alice', '482913');

    expect(await submitCode(world.deps, 'alice', '482913')).toEqual({ kind: 'nothing-pending' });
  });

  it('counts wrong codes with an audit event each, then cancels the workflow (S5)', async () => {
    const { command, executionId } = await pendingCommand(world, '482913');

    expect(await submitCode(world.deps, 'alice', '000001')).toEqual({ kind: 'rejected', attemptsLeft: 2, action: 'start', target: 'splunk' });
    expect(await submitCode(world.deps, 'alice', 'not a number')).toMatchObject({ kind: 'rejected', attemptsLeft: 1 });
    expect(await submitCode(world.deps, 'alice', '000003')).toEqual({ kind: 'locked-out', action: 'start', target: 'splunk' });

    expect(await world.workflow.describe(executionId)).toMatchObject({ status: 'FAILED', error: 'TooManyAttempts' });
    const rejected = world.audit.events.filter((e) => e.detailType === 'Code Rejected');
    expect(rejected.map((e) => e.detail.attemptsLeft)).toEqual([2, 1, 0]);
    expect(rejected.every((e) => e.detail.commandId === command.commandId && e.detail.executionId === executionId)).toBe(true);
    expect(JSON.stringify(world.audit.events)).not.toMatch(/00000[13]|482913/);
    // The right code after a lock-out does nothing.
    expect(await submitCode(world.deps, 'alice', '482913')).toEqual({ kind: 'nothing-pending' });
  });

  it('refuses an expired code even when it is right (S4), without counting an attempt', async () => {
    const { executionId } = await pendingCommand(world, '482913');
    world.clock.advance(world.settings.codeTtlSeconds * 1000);

    expect(await submitCode(world.deps, 'alice', '482913')).toEqual({ kind: 'expired' });
    expect((await world.challenges.get('alice'))?.attemptsLeft).toBe(3);
    expect((await world.workflow.describe(executionId))?.status).toBe('RUNNING');
  });

  it("never verifies another user's command (S6): bob's code is a wrong code for alice", async () => {
    await pendingCommand(world, '111111', 'alice');
    const bobs = await pendingCommand(world, '222222', 'bob', WEB);

    expect(await submitCode(world.deps, 'alice', '222222')).toMatchObject({ kind: 'rejected', attemptsLeft: 2 });
    expect((await world.workflow.describe(bobs.executionId))?.status).toBe('RUNNING');
    expect(await submitCode(world.deps, 'bob', '111111')).toMatchObject({ kind: 'rejected' });
    expect(await submitCode(world.deps, BOB.userId, '222222')).toMatchObject({ kind: 'accepted' });
  });

  it('finds nothing pending for a user without a challenge', async () => {
    expect(await submitCode(world.deps, 'alice', '482913')).toEqual({ kind: 'nothing-pending' });
  });

  describe('when a conditional write loses a race', () => {
    /** A store where `other` writes right after this request has read the challenge, `times` times. */
    function racing(store: ChallengeStore, other: (current: Challenge) => Challenge, times = 1): ChallengeStore {
      let left = times;
      return {
        get: (userId) => store.get(userId),
        replace: (challenge) => store.replace(challenge),
        remove: (userId, commandId) => store.remove(userId, commandId),
        async save(next, expectedVersion) {
          if (left-- > 0) {
            const current = (await store.get(next.userId))!;
            expect(await store.save(other(current), current.version)).toBe(true);
          }
          return store.save(next, expectedVersion);
        },
      };
    }

    it('re-reads and counts from the winner: a concurrent wrong attempt is not lost', async () => {
      await pendingCommand(world, '482913');
      const concurrentWrong = (c: Challenge) => ({ ...c, attemptsLeft: c.attemptsLeft - 1, version: c.version + 1 });
      const deps = { ...world.deps, challenges: racing(world.challenges, concurrentWrong) };

      expect(await submitCode(deps, 'alice', '000000')).toMatchObject({ kind: 'rejected', attemptsLeft: 1 });
      expect((await world.challenges.get('alice'))?.attemptsLeft).toBe(1);
      expect(world.audit.detailTypes().filter((t) => t === 'Code Rejected')).toHaveLength(1);
    });

    it('re-reads and still accepts the right code after a concurrent wrong attempt', async () => {
      await pendingCommand(world, '482913');
      const concurrentWrong = (c: Challenge) => ({ ...c, attemptsLeft: c.attemptsLeft - 1, version: c.version + 1 });
      const deps = { ...world.deps, challenges: racing(world.challenges, concurrentWrong) };

      expect(await submitCode(deps, 'alice', '482913')).toMatchObject({ kind: 'accepted', result: 'succeeded' });
    });

    it('gives up on the code when a concurrent request consumed it first (S3)', async () => {
      const { executionId } = await pendingCommand(world, '482913');
      const consumed = (c: Challenge) => ({ ...c, status: 'verified' as const, version: c.version + 1 });
      const deps = { ...world.deps, challenges: racing(world.challenges, consumed) };

      expect(await submitCode(deps, 'alice', '482913')).toEqual({ kind: 'nothing-pending' });
      expect(world.workflow.taskOutputOf(executionId)).toBeUndefined();
    });

    it('lets exactly one of two simultaneous right codes through', async () => {
      await pendingCommand(world, '482913');

      const outcomes = await Promise.all([submitCode(world.deps, 'alice', '482913'), submitCode(world.deps, 'alice', '482913')]);

      expect(outcomes.map((o) => o.kind).sort()).toEqual(['accepted', 'nothing-pending']);
    });

    it('tries five times: wins after four lost races, gives up after five', async () => {
      const bump = (c: Challenge) => ({ ...c, version: c.version + 1 });
      await pendingCommand(world, '482913');
      expect(await submitCode({ ...world.deps, challenges: racing(world.challenges, bump, 4) }, 'alice', '000000')).toMatchObject({ kind: 'rejected' });

      await pendingCommand(world, '482913');
      expect(await submitCode({ ...world.deps, challenges: racing(world.challenges, bump, 5) }, 'alice', '000000')).toEqual({ kind: 'kept-changing' });
    });

    it('stops after a few lost races instead of looping forever, with nothing counted or resumed', async () => {
      const { executionId } = await pendingCommand(world, '482913');
      const bump = (c: Challenge) => ({ ...c, version: c.version + 1 });
      const deps = { ...world.deps, challenges: racing(world.challenges, bump, Infinity) };

      expect(await submitCode(deps, 'alice', '482913')).toEqual({ kind: 'kept-changing' });
      expect(world.audit.detailTypes()).not.toContain('Code Rejected');
      expect((await world.challenges.get('alice'))?.status).toBe('pending');
      expect(world.workflow.taskOutputOf(executionId)).toBeUndefined();
    });
  });
});
