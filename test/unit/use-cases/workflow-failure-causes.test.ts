/**
 * Every way a confirmation step fails names its error and says why: the cause reaches the
 * execution history the operator reads (never a code or a destination, S12).
 */
import type { InstanceCommand } from '../../../functions/domain/command';
import { cancelCommand } from '../../../functions/use-cases/cancel-command';
import { changeDevice } from '../../../functions/use-cases/change-device';
import { issueChallenge } from '../../../functions/use-cases/issue-challenge';
import { performAction } from '../../../functions/use-cases/perform-action';
import { submitCode } from '../../../functions/use-cases/submit-code';
import type { ChallengeStore } from '../../../functions/ports/challenge-store';
import { InstanceThrottledError } from '../../../functions/ports/instance-gateway';
import { requestedCommand } from '../../support/fakes/device-factor-world';
import { ALICE, WEB, aliceStartsSplunk, fakeWorld, type FakeWorld } from '../../support/fakes/fake-deps';
import { unlockFrontDoor } from '../../support/fakes/in-memory-devices';
import { storeVerifiedChallenge } from '../../support/verified-challenge';

async function rejection(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: Error) => ({ name: error.name, message: error.message }),
  );
}

const startSplunk = (overrides: Partial<InstanceCommand> = {}) => aliceStartsSplunk({ commandId: 'cmd-causes', ...overrides });

let world: FakeWorld;
beforeEach(() => {
  world = fakeWorld({ deviceResponseWaitMs: 40 });
});

describe('the task failures the user causes', () => {
  it('a cancel ends the waiting task as CommandCancelled "the user cancelled"', async () => {
    const { executionId } = await requestedCommand(world);

    await cancelCommand(world.deps, ALICE.userId);

    expect(world.workflow.taskFailureOf(executionId)).toEqual({ error: 'CommandCancelled', cause: 'the user cancelled' });
  });

  it('a newer command ends the one it replaced as CommandSuperseded "a newer command replaced this one" (S13)', async () => {
    const replaced = await requestedCommand(world);

    await requestedCommand(world, ALICE.userId, WEB);

    expect(world.workflow.taskFailureOf(replaced.executionId)).toEqual({ error: 'CommandSuperseded', cause: 'a newer command replaced this one' });
  });

  it('a third wrong code ends it as TooManyAttempts "too many wrong codes"', async () => {
    world.codes.push('482913');
    const { executionId } = await requestedCommand(world);

    for (let i = 0; i < 3; i++) await submitCode(world.deps, ALICE.userId, '000000');

    expect(world.workflow.taskFailureOf(executionId)).toEqual({ error: 'TooManyAttempts', cause: 'too many wrong codes' });
  });
});

describe('the send-code step (issue-challenge) says why no code went out', () => {
  async function issue(command = startSplunk()) {
    const { executionId } = await world.workflow.start({ command });
    return issueChallenge(world.deps, { command, executionId, taskToken: world.workflow.tokenOf(executionId) });
  }

  it('when the policy accepts none of the user’s factors any more, storing nothing', async () => {
    world.settings.factorPolicy = { ...world.settings.factorPolicy, targets: { splunk: ['totp'] } };

    expect(await rejection(issue())).toEqual({ name: 'DeliveryFailed', message: 'the user has no factor the policy accepts' });
    expect(await world.challenges.get(ALICE.userId)).toBeUndefined();
  });

  it('when the send limit is reached (S8)', async () => {
    for (let i = 0; i < 1_000 && (await world.deps.sendLimiter.tryConsume(ALICE.userId)).allowed; i++);

    expect(await rejection(issue())).toEqual({ name: 'DeliveryFailed', message: 'code send limit reached' });
  });

  it('when the provider refuses the message, naming the channel only', async () => {
    world.outbox.failWith = new Error('+15555550101 is blocked');

    expect(await rejection(issue())).toEqual({ name: 'DeliveryFailed', message: 'the sms provider did not accept the code' });
  });

  it('when a retried attempt finds the command already ended', async () => {
    const command = startSplunk();
    const { executionId } = await world.workflow.start({ command });
    await issueChallenge(world.deps, { command, executionId, taskToken: world.workflow.tokenOf(executionId) });
    await cancelCommand(world.deps, ALICE.userId);

    const retried = issueChallenge(world.deps, { command, executionId, taskToken: 'a'.repeat(64) });

    expect(await rejection(retried)).toEqual({ name: 'CommandCancelled', message: 'the command ended while its code was being sent' });
  });

  it('when a retried attempt loses every race to move the challenge to its token, after five tries', async () => {
    const command = startSplunk();
    const { executionId } = await world.workflow.start({ command });
    await issueChallenge(world.deps, { command, executionId, taskToken: world.workflow.tokenOf(executionId) });
    let saves = 0;
    const store = world.challenges;
    const challenges: ChallengeStore = {
      get: (userId) => store.get(userId),
      replace: (challenge) => store.replace(challenge),
      save: async () => {
        saves++;
        return false;
      },
      remove: (userId, commandId) => store.remove(userId, commandId),
    };
    const racing = { ...world.deps, challenges };

    const retried = issueChallenge(racing, { command, executionId, taskToken: 'a'.repeat(64) });

    expect(await rejection(retried)).toEqual({ name: 'Error', message: 'the pending command kept changing during a retried send' });
    expect(saves).toBe(5);
  });
});

describe('the perform-action step says why nothing changed', () => {
  beforeEach(async () => {
    await storeVerifiedChallenge(world.deps, startSplunk(), world.clock.now());
  });

  it('while another attempt holds the action', async () => {
    await world.ledger.claim('cmd-causes', world.clock.now());

    expect(await rejection(performAction(world.deps, { command: startSplunk() }))).toEqual({
      name: 'ActionInProgress',
      message: 'another attempt holds this action',
    });
  });

  it('when the provider throttles', async () => {
    const instances = {
      list: () => world.fleet.list(),
      listAliases: () => world.fleet.listAliases(),
      perform: async () => Promise.reject(new InstanceThrottledError('Rate exceeded')),
    };

    expect(await rejection(performAction({ ...world.deps, instances }, { command: startSplunk() }))).toEqual({
      name: 'ActionThrottled',
      message: 'the provider is throttling',
    });
  });

  it('when the instance changed state under it, or the provider refused for another reason', async () => {
    await storeVerifiedChallenge(world.deps, startSplunk({ action: 'reboot' }), world.clock.now());
    expect(await rejection(performAction(world.deps, { command: startSplunk({ action: 'reboot' }) }))).toEqual({
      name: 'IncorrectInstanceState',
      message: 'splunk changed state',
    });

    await storeVerifiedChallenge(world.deps, startSplunk({ commandId: 'cmd-refused' }), world.clock.now());
    const instances = {
      list: () => world.fleet.list(),
      listAliases: () => world.fleet.listAliases(),
      perform: async () => Promise.reject(new Error('UnauthorizedOperation')),
    };
    expect(await rejection(performAction({ ...world.deps, instances }, { command: startSplunk({ commandId: 'cmd-refused' }) }))).toEqual({
      name: 'ActionFailed',
      message: 'splunk could not be changed',
    });
  });

  it('when a device stays silent, naming the device as spoken', async () => {
    world.devices.offline.add('front-door');

    expect(await rejection(changeDevice(world.deps, unlockFrontDoor()))).toEqual({ name: 'DeviceDidNotRespond', message: 'the front door did not respond' });
  });

  it('when the device type has no such action', async () => {
    expect(await rejection(changeDevice(world.deps, { ...unlockFrontDoor(), action: 'open' }))).toEqual({ name: 'Error', message: 'a lock cannot open' });
  });
});
