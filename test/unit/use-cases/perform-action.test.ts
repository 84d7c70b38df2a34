import fc from 'fast-check';
import type { Command } from '../../../functions/domain/command';
import { parsePerformActionPayload } from '../../../functions/handlers/workflow-payloads';
import { InstanceThrottledError, type InstanceGateway } from '../../../functions/ports/instance-gateway';
import { performAction } from '../../../functions/use-cases/perform-action';
import { SPLUNK, WEB, fakeWorld, type FakeWorld } from '../../support/fakes/fake-deps';
import { unlockFrontDoor } from '../../support/fakes/in-memory-devices';
import { storeVerifiedChallenge } from '../../support/verified-challenge';

const command: Command = {
  commandId: 'cmd-1',
  userId: 'alice',
  action: 'start',
  target: 'splunk',
  policyTarget: 'splunk',
  instanceId: SPLUNK.instanceId,
  requestedAt: '2026-01-01T00:00:00.000Z',
};

/** The real fleet behind a gateway that fails the first `failures` calls with `error`. */
function failingFirst(real: InstanceGateway, failures: number, error: () => Error): InstanceGateway {
  let left = failures;
  return {
    list: () => real.list(),
    listAliases: () => real.listAliases(),
    async perform(action, instanceId) {
      if (left-- > 0) throw error();
      return real.perform(action, instanceId);
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('performAction (S14)', () => {
  let world: FakeWorld;
  beforeEach(async () => {
    world = fakeWorld();
    await storeVerifiedChallenge(world.deps, command, world.clock.now());
  });
  const maxAge = () => world.settings.maxConfirmationAgeMs;

  it('performs the action and records it', async () => {
    const result = await performAction(world.deps, { command });

    expect(result).toEqual({ instanceState: 'pending', alreadyPerformed: false });
    expect(world.fleet.stateOf(SPLUNK.instanceId)).toBe('pending');
    expect(await world.ledger.status('cmd-1')).toBe('performed');
  });

  it('does not act twice for one command: a redrive finds it already performed', async () => {
    await performAction(world.deps, { command });

    const again = await performAction(world.deps, { command });

    expect(again).toEqual({ instanceState: 'unchanged', alreadyPerformed: true });
    expect(world.fleet.performed).toHaveLength(1);
  });

  it('never acts on a confirmation older than the limit', async () => {
    world.clock.advance(maxAge() + 1);

    const error = await rejection(performAction(world.deps, { command }));

    expect(error.name).toBe('ConfirmationTooOld');
    expect(world.fleet.performed).toHaveLength(0);
    expect(await world.ledger.status('cmd-1')).toBeUndefined();
  });

  it('acts on a confirmation exactly as old as the limit', async () => {
    world.clock.advance(maxAge());

    await expect(performAction(world.deps, { command })).resolves.toMatchObject({ alreadyPerformed: false });
  });

  it('fails, without acting, while another attempt holds the claim', async () => {
    await world.ledger.claim('cmd-1', world.clock.now());

    const error = await rejection(performAction(world.deps, { command }));

    expect(error.name).toBe('ActionInProgress');
    expect(world.fleet.performed).toHaveLength(0);
    expect(await world.ledger.status('cmd-1')).toBe('acting');
  });

  it('lets exactly one of several concurrent attempts act', async () => {
    const attempts = await Promise.allSettled(Array.from({ length: 5 }, () => performAction(world.deps, { command })));

    expect(world.fleet.performed).toHaveLength(1);
    expect(attempts.filter((a) => a.status === 'fulfilled' && !a.value.alreadyPerformed)).toHaveLength(1);
  });

  it('turns throttling into ActionThrottled and releases the claim, so the retry can act', async () => {
    const deps = { ...world.deps, instances: failingFirst(world.fleet, 1, () => new InstanceThrottledError('slow down')) };

    const error = await rejection(performAction(deps, { command }));

    expect(error.name).toBe('ActionThrottled');
    expect(await world.ledger.status('cmd-1')).toBeUndefined();
    await expect(performAction(deps, { command })).resolves.toEqual({ instanceState: 'pending', alreadyPerformed: false });
    expect(world.fleet.performed).toHaveLength(1);
  });

  it('turns any other failure into ActionFailed and records the action as failed', async () => {
    const deps = {
      ...world.deps,
      instances: {
        list: () => world.fleet.list(),
        listAliases: () => world.fleet.listAliases(),
        perform: () => Promise.reject(new Error('UnauthorizedOperation')),
      },
    };

    const error = await rejection(performAction(deps, { command }));

    expect(error.name).toBe('ActionFailed');
    expect(await world.ledger.status('cmd-1')).toBe('failed');
    expect(world.fleet.stateOf(SPLUNK.instanceId)).toBe('stopped');
  });

  it("turns EC2's own refusal (an instance in the wrong state) into the IncorrectInstanceState reason", async () => {
    const reboot: Command = { ...command, commandId: 'cmd-reboot', action: 'reboot' };
    await storeVerifiedChallenge(world.deps, reboot, world.clock.now());

    const error = await rejection(performAction(world.deps, { command: reboot }));

    expect(error.name).toBe('IncorrectInstanceState');
    expect(await world.ledger.status('cmd-reboot')).toBe('failed');
  });
});

describe('performAction verifies, never trusts its input (issue 11, hole 2)', () => {
  let world: FakeWorld;
  beforeEach(() => {
    world = fakeWorld();
  });

  async function refusedWith(input: Command): Promise<string> {
    const error = await rejection(performAction(world.deps, { command: input }));
    expect(world.fleet.performed).toEqual([]);
    expect(world.devices.requested).toEqual([]);
    expect(await world.ledger.status(input.commandId)).toBeUndefined();
    return `${error.name}: ${error.message}`;
  }

  it('an execution input naming another instance acts on nothing', async () => {
    // bob may control web; the input carries splunk's instance id under web's name.
    const forged: Command = { ...command, commandId: 'cmd-bob', userId: 'bob', target: 'web', policyTarget: 'web', instanceId: SPLUNK.instanceId };
    await storeVerifiedChallenge(world.deps, forged, world.clock.now());

    expect(await refusedWith(forged)).toBe('CommandRefused: the instance does not carry that alias');
    expect(world.fleet.stateOf(SPLUNK.instanceId)).toBe('stopped');
  });

  it("an execution input naming another user's device acts on nothing", async () => {
    const forged: Command = unlockFrontDoor('bob', 'cmd-bob-door');
    await storeVerifiedChallenge(world.deps, forged, world.clock.now());

    expect(await refusedWith(forged)).toBe('CommandRefused: the user does not own that device');
  });

  it('a task token completed without a spoken code acts on nothing', async () => {
    await storeVerifiedChallenge(world.deps, command, world.clock.now());
    const stored = (await world.challenges.get('alice'))!;
    await world.challenges.replace({ ...stored, status: 'pending', verifiedAt: undefined });

    expect(await refusedWith(command)).toBe('CommandRefused: no verified code for this command');
  });

  it("another command's verification does not let this one act", async () => {
    await storeVerifiedChallenge(world.deps, { ...command, commandId: 'cmd-other' }, world.clock.now());

    expect(await refusedWith(command)).toBe('CommandRefused: no verified code for this command');
  });

  it('a verified code for stopping web does not start splunk under the same command id', async () => {
    await storeVerifiedChallenge(world.deps, { ...command, action: 'stop', target: 'web', policyTarget: 'web', instanceId: WEB.instanceId });

    expect(await refusedWith(command)).toBe('CommandRefused: no verified code for this command');
  });

  it('a verifiedAt in the future does not pass the age check', async () => {
    await storeVerifiedChallenge(world.deps, command, world.clock.now() + 60 * 60_000);

    const error = await rejection(performAction(world.deps, { command }));

    expect(error).toMatchObject({ name: 'ConfirmationTooOld', message: 'the confirmation is too old' });
    expect(world.fleet.performed).toEqual([]);
  });

  it("the caller's verifiedAt is not read: the payload's claim is dropped", () => {
    expect(parsePerformActionPayload({ command, verifiedAt: Date.now() + 1e12 })).toEqual({ command });
  });

  it('a user who no longer exists, or may no longer control the target, gets nothing done', async () => {
    const ghost: Command = { ...command, commandId: 'cmd-ghost', userId: 'mallory' };
    await storeVerifiedChallenge(world.deps, ghost);
    expect(await refusedWith(ghost)).toBe('CommandRefused: the user does not exist');

    const bobStartsSplunk: Command = { ...command, commandId: 'cmd-bob-splunk', userId: 'bob' };
    await storeVerifiedChallenge(world.deps, bobStartsSplunk);
    expect(await refusedWith(bobStartsSplunk)).toBe('CommandRefused: target not allowed by policy');
  });

  it('a policy target naming another target is refused (it would pick a weaker factor)', async () => {
    const weaker: Command = { ...command, policyTarget: 'build' };
    await storeVerifiedChallenge(world.deps, weaker, world.clock.now());

    expect(await refusedWith(weaker)).toBe('CommandRefused: the policy target does not name the command target');
  });

  it('an alias carried by two instances is refused when the action would run', async () => {
    await storeVerifiedChallenge(world.deps, command, world.clock.now());
    world.fleet.add({ instanceId: 'i-0evil', alias: 'splunk', state: 'stopped' });

    expect(await refusedWith(command)).toBe('CommandRefused: duplicate alias');
  });
});

describe('performAction property: acts only on a verified challenge for exactly that user, command and target', () => {
  const instances = [SPLUNK, WEB];
  const users = ['alice', 'bob', 'mallory'];
  const aliasOf = (id: string) => instances.find((i) => i.instanceId === id)?.alias ?? 'nothing';

  const anInput = fc.record({
    commandId: fc.constantFrom('cmd-a', 'cmd-b'),
    userId: fc.constantFrom(...users),
    action: fc.constantFrom('start' as const, 'stop' as const),
    instanceId: fc.constantFrom(SPLUNK.instanceId, WEB.instanceId, 'i-0unknown'),
    target: fc.constantFrom('splunk', 'web', 'build'),
  });
  const aStoredChallenge = fc.option(fc.record({ input: anInput, status: fc.constantFrom('pending' as const, 'verified' as const, 'cancelled' as const) }), {
    nil: undefined,
  });

  it('holds for random execution inputs against random stored challenges', async () => {
    await fc.assert(
      fc.asyncProperty(anInput, aStoredChallenge, async (input, stored) => {
        const world = fakeWorld();
        const toCommand = (i: typeof input): Command => ({ ...i, policyTarget: i.target, requestedAt: '2026-01-01T00:00:00.000Z' });
        if (stored) {
          await storeVerifiedChallenge(world.deps, toCommand(stored.input), world.clock.now());
          const written = (await world.challenges.get(stored.input.userId))!;
          await world.challenges.replace({ ...written, status: stored.status });
        }
        const outcome = await performAction(world.deps, { command: toCommand(input) }).then(
          () => 'acted',
          () => 'refused',
        );

        const mayControl = input.userId === 'alice' || (input.userId === 'bob' && input.target === 'web');
        const exactlyVerified =
          stored?.status === 'verified' &&
          stored.input.userId === input.userId &&
          stored.input.commandId === input.commandId &&
          stored.input.action === input.action &&
          stored.input.target === input.target &&
          stored.input.instanceId === input.instanceId;
        const legitimate = exactlyVerified && mayControl && aliasOf(input.instanceId) === input.target;
        const touched = world.fleet.performed.map((p) => p.instanceId);

        if (!legitimate) expect({ outcome, touched }).toEqual({ outcome: 'refused', touched: [] });
        else expect(touched.every((id) => id === input.instanceId)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
