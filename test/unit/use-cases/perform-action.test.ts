import type { Command } from '../../../functions/domain/command';
import { InstanceThrottledError, type InstanceGateway } from '../../../functions/ports/instance-gateway';
import { performAction } from '../../../functions/use-cases/perform-action';
import { SPLUNK, fakeWorld, type FakeWorld } from '../../support/fakes/fake-deps';

const command: Command = {
  commandId: 'cmd-1',
  userId: 'alice',
  action: 'start',
  target: 'splunk',
  instanceId: SPLUNK.instanceId,
  requestedAt: '2026-01-01T00:00:00.000Z',
};

/** The real fleet behind a gateway that fails the first `failures` calls with `error`. */
function failingFirst(real: InstanceGateway, failures: number, error: () => Error): InstanceGateway {
  let left = failures;
  return {
    list: () => real.list(),
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
  beforeEach(() => {
    world = fakeWorld();
  });
  const maxAge = () => world.settings.maxConfirmationAgeMs;

  it('performs the action and records it', async () => {
    const result = await performAction(world.deps, { command, verifiedAt: world.clock.now() });

    expect(result).toEqual({ instanceState: 'pending', alreadyPerformed: false });
    expect(world.fleet.stateOf(SPLUNK.instanceId)).toBe('pending');
    expect(await world.ledger.status('cmd-1')).toBe('performed');
  });

  it('does not act twice for one command: a redrive finds it already performed', async () => {
    await performAction(world.deps, { command, verifiedAt: world.clock.now() });

    const again = await performAction(world.deps, { command, verifiedAt: world.clock.now() });

    expect(again).toEqual({ instanceState: 'unchanged', alreadyPerformed: true });
    expect(world.fleet.performed).toHaveLength(1);
  });

  it('never acts on a confirmation older than the limit', async () => {
    const verifiedAt = world.clock.now();
    world.clock.advance(maxAge() + 1);

    const error = await rejection(performAction(world.deps, { command, verifiedAt }));

    expect(error.name).toBe('ConfirmationTooOld');
    expect(world.fleet.performed).toHaveLength(0);
    expect(await world.ledger.status('cmd-1')).toBeUndefined();
  });

  it('acts on a confirmation exactly as old as the limit', async () => {
    const verifiedAt = world.clock.now();
    world.clock.advance(maxAge());

    await expect(performAction(world.deps, { command, verifiedAt })).resolves.toMatchObject({ alreadyPerformed: false });
  });

  it('refuses a confirmation time that is not a number', async () => {
    const error = await rejection(performAction(world.deps, { command, verifiedAt: Number.NaN }));
    expect(error.name).toBe('ConfirmationTooOld');
    expect(world.fleet.performed).toHaveLength(0);
  });

  it('fails, without acting, while another attempt holds the claim', async () => {
    await world.ledger.claim('cmd-1', world.clock.now());

    const error = await rejection(performAction(world.deps, { command, verifiedAt: world.clock.now() }));

    expect(error.name).toBe('ActionInProgress');
    expect(world.fleet.performed).toHaveLength(0);
    expect(await world.ledger.status('cmd-1')).toBe('acting');
  });

  it('lets exactly one of several concurrent attempts act', async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 5 }, () => performAction(world.deps, { command, verifiedAt: world.clock.now() })),
    );

    expect(world.fleet.performed).toHaveLength(1);
    expect(attempts.filter((a) => a.status === 'fulfilled' && !a.value.alreadyPerformed)).toHaveLength(1);
  });

  it('turns throttling into ActionThrottled and releases the claim, so the retry can act', async () => {
    const deps = { ...world.deps, instances: failingFirst(world.fleet, 1, () => new InstanceThrottledError('slow down')) };

    const error = await rejection(performAction(deps, { command, verifiedAt: world.clock.now() }));

    expect(error.name).toBe('ActionThrottled');
    expect(await world.ledger.status('cmd-1')).toBeUndefined();
    await expect(performAction(deps, { command, verifiedAt: world.clock.now() })).resolves.toEqual({
      instanceState: 'pending',
      alreadyPerformed: false,
    });
    expect(world.fleet.performed).toHaveLength(1);
  });

  it('turns any other failure into ActionFailed and records the action as failed', async () => {
    const deps = { ...world.deps, instances: failingFirst(world.fleet, 1, () => new Error('UnauthorizedOperation')) };

    const error = await rejection(performAction(deps, { command, verifiedAt: world.clock.now() }));

    expect(error.name).toBe('ActionFailed');
    expect(await world.ledger.status('cmd-1')).toBe('failed');
    expect(world.fleet.stateOf(SPLUNK.instanceId)).toBe('stopped');
  });

  it("turns EC2's own refusal (an instance in the wrong state) into the IncorrectInstanceState reason", async () => {
    const error = await rejection(performAction(world.deps, { command: { ...command, action: 'reboot' }, verifiedAt: world.clock.now() }));

    expect(error.name).toBe('IncorrectInstanceState');
    expect(await world.ledger.status('cmd-1')).toBe('failed');
  });
});
