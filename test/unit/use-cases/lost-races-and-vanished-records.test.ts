/**
 * The use cases read, then write conditionally (S3). These pin what each answers when another
 * writer got in between, or when a record it read is gone by the time it looks again.
 */
import type { ChallengeStore } from '../../../functions/ports/challenge-store';
import type { FactorStore } from '../../../functions/ports/factor-store';
import { cancelCommand } from '../../../functions/use-cases/cancel-command';
import { activateTotp, startTotpEnrollment } from '../../../functions/use-cases/enroll-totp';
import { issueChallenge } from '../../../functions/use-cases/issue-challenge';
import { resendCode } from '../../../functions/use-cases/resend-code';
import { takeOutcomeNotice } from '../../../functions/use-cases/take-outcome-notice';
import { updateFactors } from '../../../functions/use-cases/update-factors';
import { totpCode } from '../../../functions/domain/totp';
import { requestedCommand, smsStepUp } from '../../support/fakes/device-factor-world';
import { ALICE, fakeWorld, type FakeWorld } from '../../support/fakes/fake-deps';
import { secretOf } from '../../support/otpauth';

/** The world's challenge store, with another writer's change landing right after every read. */
function challengesChangedAfterEachRead(world: FakeWorld): ChallengeStore {
  const store = world.challenges;
  return {
    async get(userId) {
      const read = await store.get(userId);
      if (read) await store.save({ ...read, version: read.version + 1 }, read.version);
      return read;
    },
    replace: (challenge) => store.replace(challenge),
    save: (next, expectedVersion) => store.save(next, expectedVersion),
    remove: (userId, commandId) => store.remove(userId, commandId),
  };
}

let world: FakeWorld;
beforeEach(() => {
  world = fakeWorld();
});

describe('cancel', () => {
  it('stores the cancellation as the next version of the challenge', async () => {
    await requestedCommand(world);
    const before = await world.challenges.get(ALICE.userId);

    await cancelCommand(world.deps, ALICE.userId);

    expect(await world.challenges.get(ALICE.userId)).toMatchObject({ status: 'cancelled', version: before!.version + 1 });
  });

  it('finds nothing pending when another writer changed the challenge first, and leaves the workflow waiting', async () => {
    const { executionId } = await requestedCommand(world);

    expect(await cancelCommand({ ...world.deps, challenges: challengesChangedAfterEachRead(world) }, ALICE.userId)).toEqual({ kind: 'nothing-pending' });

    expect(await world.workflow.describe(executionId)).toMatchObject({ status: 'RUNNING' });
    expect(await world.challenges.get(ALICE.userId)).toMatchObject({ status: 'pending' });
  });
});

describe('resend', () => {
  it('finds nothing pending when another writer changed the challenge first, and sends nothing', async () => {
    await requestedCommand(world);
    const sent = world.outbox.messages.length;

    expect(await resendCode({ ...world.deps, challenges: challengesChangedAfterEachRead(world) }, ALICE.userId)).toEqual({ kind: 'nothing-pending' });

    expect(world.outbox.messages).toHaveLength(sent);
  });

  it('lets an error other than a refused delivery through, instead of telling it as "delivery failed"', async () => {
    await requestedCommand(world);
    const audit = { publish: async () => Promise.reject(new Error('audit store unreachable')) };

    await expect(resendCode({ ...world.deps, audit }, ALICE.userId)).rejects.toThrow('audit store unreachable');
  });
});

describe('takeOutcomeNotice', () => {
  it('tells nothing to a user who never gave a command', async () => {
    expect(await takeOutcomeNotice(world.deps, ALICE.userId)).toBeUndefined();
  });

  it('tells an outcome whose execution the engine no longer knows as not succeeded, once, as the next version', async () => {
    await requestedCommand(world);
    const challenge = (await world.challenges.get(ALICE.userId))!;
    const forgotten = { ...challenge, executionId: 'exec-forgotten', status: 'verified' as const, awaitingOutcome: true, version: challenge.version + 1 };
    await world.challenges.save(forgotten, challenge.version);

    expect(await takeOutcomeNotice(world.deps, ALICE.userId)).toEqual({ action: 'start', target: 'splunk', succeeded: false });
    expect(await world.challenges.get(ALICE.userId)).toMatchObject({ awaitingOutcome: false, version: forgotten.version + 1 });
    expect(await takeOutcomeNotice(world.deps, ALICE.userId)).toBeUndefined();
  });
});

describe('authenticator activation', () => {
  it('activates nothing when the pending enrollment was removed while the code was being checked', async () => {
    const enrollment = await startTotpEnrollment(world.deps, ALICE.userId, await smsStepUp(world));
    if (enrollment.kind !== 'pending') throw new Error('no enrollment');
    const store = world.factors;
    /** The store, with the enrollment withdrawn as soon as the code's time step is claimed. */
    const factors: FactorStore = {
      get: (ownerId) => store.get(ownerId),
      save: (next, expectedVersion) => store.save(next, expectedVersion),
      async claimTotpStep(ownerId, step) {
        const claimed = await store.claimTotpStep(ownerId, step);
        const record = (await store.get(ownerId))!;
        await store.save({ ...record, pendingTotp: undefined, version: record.version + 1 }, record.version);
        return claimed;
      },
    };
    const code = totpCode(secretOf(enrollment.otpauthUri), world.clock.now());

    expect(await activateTotp({ ...world.deps, factors }, ALICE.userId, code)).toBe('nothing-pending');

    expect((await store.get(ALICE.userId))?.totp).toBeUndefined();
    expect(world.audit.detailTypes()).not.toContain('Factor Changed');
  });
});

describe('a send-code task for a new execution of the same command', () => {
  it("issues a fresh code rather than taking over the ended execution's challenge", async () => {
    const { command, executionId: ended } = await requestedCommand(world);
    world.workflow.timeOut(ended);
    const { executionId } = await world.workflow.start({ command });

    await issueChallenge(world.deps, { command, executionId, taskToken: world.workflow.tokenOf(executionId) });

    expect(await world.challenges.get(ALICE.userId)).toMatchObject({ commandId: command.commandId, executionId, version: 1 });
    expect(world.outbox.messages).toHaveLength(2);
  });
});

describe('updateFactors', () => {
  it('gives up after five lost races, with an error that says to try again', async () => {
    let saves = 0;
    const store: FactorStore = {
      get: async () => undefined,
      save: async () => {
        saves++;
        return false;
      },
      claimTotpStep: async () => false,
    };

    await expect(updateFactors(store, ALICE.userId, (record) => ({ ...record, version: record.version + 1 }))).rejects.toThrow(
      'the factor record kept changing; try again',
    );
    expect(saves).toBe(5);
  });
});
